import {
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

type Variables = Readonly<Record<string, unknown>>;

/**
 * Walks the selections of one operation, as execution will see them: fragments expanded, @skip and @include
 * applied with the request's variables. Every walk visits each selection of the document at most once, however
 * often a fragment is spread: a walk that followed every spread would double its work per level of a document
 * that spreads a fragment twice at each level. `visits` counts the selections visited, for tests to bound.
 */
export class SelectionWalk {
  visits = 0;

  constructor(
    private readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>,
    private readonly variables: Variables,
  ) {}

  static ofDocument(document: DocumentNode, variables: Variables = {}): SelectionWalk {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    return new SelectionWalk(fragments, variables);
  }

  /** A walk of the operation a resolver is part of. */
  static of(info: GraphQLResolveInfo): SelectionWalk {
    return new SelectionWalk(info.fragments, info.variableValues);
  }

  /** The fields the given selection sets select together, through fragments: each field node once. */
  fields(sets: readonly (SelectionSetNode | undefined)[]): FieldNode[] {
    const found = new Set<FieldNode>();
    this.visit(sets, (field) => {
      found.add(field);
      return false;
    });
    return [...found];
  }

  /** Every field under the given selection sets, at any depth: each field node and each fragment once. */
  reachableFields(sets: readonly (SelectionSetNode | undefined)[]): FieldNode[] {
    const found = new Set<FieldNode>();
    this.visit(sets, (field) => {
      found.add(field);
      return true;
    });
    return [...found];
  }

  /** `onField` answers whether to walk on into the field's own selection set. Document order, depth first. */
  private visit(
    sets: readonly (SelectionSetNode | undefined)[],
    onField: (field: FieldNode) => boolean,
  ): void {
    const expanded = new Set<string>();
    const walkSet = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        this.visits += 1;
        if (!this.included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          if (onField(selection) && selection.selectionSet) walkSet(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          walkSet(selection.selectionSet);
        } else if (!expanded.has(selection.name.value)) {
          expanded.add(selection.name.value);
          const fragment = this.fragments[selection.name.value];
          if (fragment) walkSet(fragment.selectionSet);
        }
      }
    };
    for (const set of sets) if (set) walkSet(set);
  }

  /** An integer argument of a field, written in the query or given as a variable; undefined otherwise. */
  intArgument(field: FieldNode, name: string): number | undefined {
    const value = field.arguments?.find((a) => a.name.value === name)?.value;
    if (value?.kind === Kind.INT) return Number(value.value);
    const given = value?.kind === Kind.VARIABLE ? this.variables[value.name.value] : undefined;
    return typeof given === 'number' ? given : undefined;
  }

  /**
   * An argument of a field as a plain value (a string, an enum's name, a list of them), written in the query or
   * given as a variable; undefined when not given.
   */
  argument(field: FieldNode, name: string): unknown {
    const value = field.arguments?.find((a) => a.name.value === name)?.value;
    return value === undefined ? undefined : this.plain(value);
  }

  private plain(value: ValueNode): unknown {
    switch (value.kind) {
      case Kind.VARIABLE:
        return this.variables[value.name.value];
      case Kind.STRING:
      case Kind.ENUM:
        return value.value;
      case Kind.NULL:
        return null;
      case Kind.LIST:
        return value.values.map((item) => this.plain(item));
      default:
        // Numbers and objects stay AST nodes: no caller takes them for a string or a list.
        return value;
    }
  }

  /** @skip and @include as execution applies them; a condition that is not a boolean leaves the node in. */
  private included(selection: SelectionNode): boolean {
    const condition = (name: string): boolean | undefined => {
      const directive = selection.directives?.find((d: DirectiveNode) => d.name.value === name);
      const value = directive?.arguments?.find((a) => a.name.value === 'if')?.value;
      if (value?.kind === Kind.BOOLEAN) return value.value;
      if (value?.kind === Kind.VARIABLE) {
        const given = this.variables[value.name.value];
        return typeof given === 'boolean' ? given : undefined;
      }
      return undefined;
    };
    return condition('skip') !== true && condition('include') !== false;
  }
}
