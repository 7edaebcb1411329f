import { AppError } from '../common/app.errors';
import type { FactRelationshipType, RelationshipType } from '../db/identifier.whitelist';
import type { WritePlan } from './document.plan';
import type { Category } from './entity.resolution';

export const CATEGORIES: readonly Category[] = [
  'Institution',
  'Person',
  'Place',
  'Framework',
  'Event',
  'Agreement',
  'Commitment',
];
const ANY = CATEGORIES.map((category) => ['Commitment', category] as const);

/**
 * The one table of what each relationship may join, [from, to], as the fields that read it expect: `subUnits`
 * reads institutions, so an institution's parts are institutions. Documents and `link` are both held to it.
 */
export const LINK_RULES: Record<FactRelationshipType, readonly (readonly [Category, Category])[]> = {
  PART_OF: [
    ['Institution', 'Institution'],
    ['Event', 'Event'],
  ],
  // An event's place is read from LOCATED_IN (as `link` sets it) or HELD_IN (as documents do).
  LOCATED_IN: [
    ['Institution', 'Place'],
    ['Event', 'Place'],
    ['Place', 'Place'],
  ],
  MANAGES: [['Institution', 'Institution']],
  OPERATES: [['Institution', 'Institution']],
  // A body replaced by another: stored one way, read both ways (succeededBy, precededBy).
  SUCCEEDED_BY: [['Institution', 'Institution']],
  HOLDS_POSITION: [['Person', 'Institution']],
  PARTICIPATED_IN: [
    ['Person', 'Event'],
    ['Institution', 'Event'],
  ],
  HELD_IN: [['Event', 'Place']],
  AT_SITE: [
    ['Event', 'Institution'],
    ['Event', 'Place'],
  ],
  REACHED_AT: [['Agreement', 'Event']],
  PARTY_TO: [
    ['Institution', 'Agreement'],
    ['Institution', 'Framework'],
  ],
  UNDER_FRAMEWORK: [
    ['Agreement', 'Framework'],
    ['Commitment', 'Framework'],
  ],
  HAS_COMMITMENT: [['Agreement', 'Commitment']],
  // What a commitment concerns may be anything: a platform, a park, a region, another agreement.
  CONCERNS: ANY,
};

/** Hierarchies: following one of these from an entity never leads back to it. */
export const ACYCLIC: readonly RelationshipType[] = ['PART_OF', 'LOCATED_IN', 'SUCCEEDED_BY'];

const article = (word: string): string => `${/^[AEIOU]/.test(word) ? 'an' : 'a'} ${word.toLowerCase()}`;

/** What the graph says about the entities a document refers to by id. */
export interface GraphFacts {
  /** An id as the document gives it -> the entity it names now (a merged id names the kept entity). */
  resolved: Map<string, string>;
  /** Resolved id -> category. */
  categories: Map<string, Category>;
}

interface End {
  /** The entity as far as it is known before resolution: a graph id, or the document's key for a new mention. */
  node: string;
  category: Category | undefined;
  field: string;
}

/**
 * The ends of every relationship a plan writes. A mention resolved by name is only known by its key until the
 * write resolves it; an event or agreement without an id is written under its generated id.
 */
function endsOf(plan: WritePlan, facts: GraphFacts): (key: string) => End {
  const declared = new Map(plan.nodes.flatMap((group) => group.rows).map((row) => [row.key, row]));
  const fields = new Map<string, string>();
  for (const { key, field } of plan.references) if (!fields.has(key)) fields.set(key, field);
  return (key) => {
    const row = declared.get(key);
    const field = fields.get(key) ?? row?.field ?? 'document';
    if (row === undefined) {
      const node = facts.resolved.get(key) ?? key;
      return { node, category: facts.categories.get(node), field };
    }
    const id =
      row.explicitId ??
      (row.category === 'Event' || row.category === 'Agreement' ? row.generatedId : undefined);
    return {
      node: id === undefined ? `key:${key}` : (facts.resolved.get(id) ?? id),
      category: row.category,
      field,
    };
  };
}

/**
 * The strongly connected components of a graph given as a map from each node to the nodes it links to (Tarjan's,
 * iterative, linear in its size): two nodes share a component exactly when each reaches the other.
 */
function componentsOf(next: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.size - 1);
    stack.push(node);
  };
  for (const root of next.keys()) {
    if (index.has(root)) continue;
    visit(root);
    const work: [string, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1] as [string, number];
      const [node, i] = frame;
      const to = (next.get(node) ?? [])[i];
      if (to !== undefined) {
        frame[1] = i + 1;
        if (!index.has(to)) {
          visit(to);
          work.push([to, 0]);
        } else if (!component.has(to)) {
          low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1]?.[0];
      if (parent !== undefined) low.set(parent, Math.min(low.get(parent) as number, low.get(node) as number));
      if (low.get(node) === index.get(node)) {
        const id = component.size;
        for (
          let member = stack.pop();
          member !== undefined;
          member = member === node ? undefined : stack.pop()
        )
          component.set(member, id);
      }
    }
  }
  return component;
}

/** A path from start to goal over the edges (a map from each node to the nodes it links to), if there is one. */
function pathOf(next: Map<string, string[]>, start: string, goal: string): string[] | undefined {
  const cameFrom = new Map<string, string>([[start, start]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i += 1) {
    const at = queue[i] as string;
    if (at === goal) {
      const path = [goal];
      while (path[0] !== start) path.unshift(cameFrom.get(path[0] as string) as string);
      return path;
    }
    for (const to of next.get(at) ?? []) {
      if (!cameFrom.has(to)) {
        cameFrom.set(to, at);
        queue.push(to);
      }
    }
  }
  return undefined;
}

const bad = (field: string, message: string): AppError =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field });

/**
 * Refuses a plan whose relationships join the wrong kinds of entity (LINK_RULES), join an entity to itself, or
 * close a cycle in a hierarchy among themselves, with BAD_USER_INPUT naming the document field that refers to the
 * wrong end. A cycle closed through the graph is refused by the write itself (document.repository.ts), which walks
 * the graph's hierarchies once, under their locks.
 */
export function checkPlanLinks(plan: WritePlan, facts: GraphFacts): void {
  const endOf = endsOf(plan, facts);
  const written = new Map<RelationshipType, [string, string, string][]>();
  for (const { type, rows } of plan.relationships) {
    const allowed = type in LINK_RULES ? LINK_RULES[type as keyof typeof LINK_RULES] : [];
    for (const row of rows) {
      const [from, to] = [endOf(row.from), endOf(row.to)];
      // An id the graph does not have: the write refuses it, naming it as such.
      if (from.category === undefined || to.category === undefined) continue;
      if (from.node === to.node) throw bad(to.field, `an entity cannot be ${type} itself (${row.to})`);
      if (!allowed.some(([a, b]) => a === from.category && b === to.category)) {
        const wrong = allowed.some(([a]) => a === from.category) ? to : from;
        const pairs = allowed.map(([a, b]) => `${article(a)} to ${article(b)}`).join(' or ');
        throw bad(
          wrong.field,
          `${type} links ${pairs}, not ${article(from.category)} to ${article(to.category)}`,
        );
      }
      if (!written.has(type)) written.set(type, []);
      written.get(type)?.push([from.node, to.node, to.field]);
    }
  }
  for (const type of ACYCLIC) {
    const added = written.get(type) ?? [];
    const next = new Map<string, string[]>();
    for (const [from, to] of added) {
      if (!next.has(from)) next.set(from, []);
      next.get(from)?.push(to);
    }
    const components = componentsOf(next);
    const cycle = added.find(([from, to]) => components.get(from) === components.get(to));
    if (cycle) {
      const [from, to, field] = cycle;
      const path = [from, ...(pathOf(next, to, from) ?? [])].map((node) => node.replace(/^key:/, ''));
      throw bad(field, `${type} would make a cycle: ${path.join(' -> ')}`);
    }
  }
}

/** GraphFacts from the ids the graph has (each to the entity it names now) and those entities' labels. */
export function graphFactsOf(resolved: Map<string, string>, labels: Map<string, string[]>): GraphFacts {
  const categories = new Map<string, Category>();
  for (const [id, entity] of resolved) {
    const category = CATEGORIES.find((c) => labels.get(id)?.includes(c));
    if (category) categories.set(entity, category);
  }
  return { resolved, categories };
}
