import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A COPY: from the build context, or from an earlier stage (`--from=`). */
export interface CopyStep {
  kind: 'COPY';
  from: string | undefined;
  sources: string[];
  dest: string;
}

export interface RunStep {
  kind: 'RUN';
  command: string;
  /** The stage's ENV as it stands at this step. */
  env: Record<string, string>;
}

/** One `FROM` of a Dockerfile and what follows it, as far as this project's Dockerfile uses instructions. */
export interface Stage {
  name: string | undefined;
  base: string;
  workdir: string;
  env: Record<string, string>;
  user: string | undefined;
  steps: (CopyStep | RunStep)[];
  cmd: string[] | undefined;
  healthcheck: string | undefined;
}

/** Joins continued lines and drops comments and blank lines. */
function instructions(text: string): string[] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function parseEnv(args: string, env: Record<string, string>): void {
  for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
    env[match[1]!] = match[2]!.replace(/^"(.*)"$/, '$1');
  }
}

function parseCopy(args: string): CopyStep {
  const words = args.split(/\s+/);
  const from = words[0]?.startsWith('--from=') ? words.shift()!.slice('--from='.length) : undefined;
  if (words.some((word) => word.startsWith('--'))) throw new Error(`COPY option not reproduced: ${args}`);
  const dest = words.pop();
  if (dest === undefined || words.length === 0)
    throw new Error(`COPY needs a source and a destination: ${args}`);
  return { kind: 'COPY', from, sources: words, dest };
}

/**
 * The stages of a Dockerfile. An instruction the stage builder below cannot reproduce (ARG, ADD, shell-form CMD
 * ...) is an error, so the test of the image cannot pass by skipping what the image does.
 */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const line of instructions(text)) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = keyword.toUpperCase();
    if (instruction === 'FROM') {
      const [, base = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({
        name,
        base,
        workdir: '/',
        env: {},
        user: undefined,
        steps: [],
        cmd: undefined,
        healthcheck: undefined,
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${instruction} before FROM`);
    if (instruction === 'WORKDIR') stage.workdir = path.posix.resolve(stage.workdir, args);
    else if (instruction === 'ENV') parseEnv(args, stage.env);
    else if (instruction === 'USER') stage.user = args;
    else if (instruction === 'COPY') stage.steps.push(parseCopy(args));
    else if (instruction === 'RUN') stage.steps.push({ kind: 'RUN', command: args, env: { ...stage.env } });
    else if (instruction === 'CMD') stage.cmd = JSON.parse(args) as string[];
    else if (instruction === 'HEALTHCHECK') stage.healthcheck = /\bCMD\s+(.*)$/.exec(args)?.[1];
    else if (instruction !== 'EXPOSE') throw new Error(`Dockerfile instruction not reproduced: ${line}`);
  }
  return stages;
}

/** .dockerignore as this project writes it: plain paths, each leaving out itself and everything under it. */
export function dockerignore(contextDir: string): (relative: string) => boolean {
  const file = path.join(contextDir, '.dockerignore');
  const patterns = fs.existsSync(file) ? instructions(fs.readFileSync(file, 'utf8')) : [];
  for (const pattern of patterns) {
    if (/[*?[\]!]/.test(pattern)) throw new Error(`.dockerignore pattern not reproduced: ${pattern}`);
  }
  const paths = patterns.map((pattern) =>
    path.posix.normalize(pattern.replace(/^\/+/, '')).replace(/\/$/, ''),
  );
  return (relative) => paths.some((p) => relative === p || relative.startsWith(`${p}/`));
}

/** A stage rebuilt in a folder: its file system under `root`, and every context file it took. */
export interface BuiltStage {
  stage: Stage;
  root: string;
  contextFiles: string[];
}

/** Where a path inside the image lies in the stage's folder. */
export const inStage = (built: BuiltStage, imagePath: string): string =>
  path.join(built.root, path.posix.resolve(built.stage.workdir, imagePath));

function copyTree(from: string, to: string, take: (file: string) => boolean): void {
  const stat = fs.statSync(from);
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(from)) copyTree(path.join(from, entry), path.join(to, entry), take);
  } else if (take(from)) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    fs.chmodSync(to, stat.mode);
  }
}

function copy(step: CopyStep, built: BuiltStage, stages: BuiltStage[], contextDir: string): void {
  const source =
    step.from === undefined
      ? undefined
      : stages.find((s, i) => s.stage.name === step.from || `${i}` === step.from);
  if (step.from !== undefined && !source) throw new Error(`COPY --from=${step.from}: no such earlier stage`);
  const ignored = dockerignore(contextDir);
  const into = step.sources.length > 1 || step.dest.endsWith('/');
  for (const name of step.sources) {
    const from = source ? inStage(source, name) : path.join(contextDir, name);
    if (!fs.existsSync(from))
      throw new Error(`COPY ${name}: not found in ${source ? `stage ${step.from}` : 'the context'}`);
    // As Docker does: a folder's contents go to the destination; a file goes into it when it is a folder.
    const isFile = !fs.statSync(from).isDirectory();
    const to = inStage(
      built,
      isFile && into ? path.posix.join(step.dest, path.posix.basename(name)) : step.dest,
    );
    copyTree(from, to, (file) => {
      if (source) return true;
      const relative = path.relative(contextDir, file).split(path.sep).join('/');
      if (ignored(relative)) return false;
      built.contextFiles.push(relative);
      return true;
    });
  }
}

function run(command: string, cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`RUN ${command} exited with ${code}:\n${output.join('').slice(-4000)}`)),
    );
  });
}

/**
 * Rebuilds every stage in `workDir/stage-N`: COPY takes exactly the files it names (less .dockerignore), RUN runs
 * in the stage's WORKDIR with only the stage's ENV, PATH and HOME, and `runEnv` (for npm, its cache).
 */
export async function buildStages(
  stages: Stage[],
  contextDir: string,
  workDir: string,
  runEnv: Record<string, string>,
): Promise<BuiltStage[]> {
  const built: BuiltStage[] = [];
  for (const [index, stage] of stages.entries()) {
    const current: BuiltStage = { stage, root: path.join(workDir, `stage-${index}`), contextFiles: [] };
    fs.mkdirSync(inStage(current, '.'), { recursive: true });
    for (const step of stage.steps) {
      if (step.kind === 'COPY') copy(step, current, built, contextDir);
      else {
        const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...runEnv, ...step.env };
        await run(step.command, inStage(current, '.'), env);
      }
    }
    built.push(current);
  }
  return built;
}
