import fs from 'node:fs';
import path from 'node:path';

/** The project's root: the same from src/ (tests) and from dist/src/ (the built service). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export const launcherDir = (): string => path.join(projectRoot(), 'neo4j-launcher');
export const migrationsDir = (): string => path.join(projectRoot(), 'schema', 'migrations');
