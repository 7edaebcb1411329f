import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launcherDir } from '../config/project.paths';

export interface LauncherBuild {
  /** The java -cp value: the launcher's jar and Neo4j's jars. */
  classpath: string;
}

const JAR = 'neo4j-launcher-1.0.0.jar';

function newestSourceTime(dir: string): number {
  const sources = [path.join(dir, 'pom.xml')];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else sources.push(full);
    }
  };
  walk(path.join(dir, 'src'));
  return Math.max(...sources.map((file) => fs.statSync(file).mtimeMs));
}

function isBuilt(dir: string): boolean {
  const jar = path.join(dir, 'target', JAR);
  return (
    fs.existsSync(jar) &&
    fs.existsSync(path.join(dir, 'target', 'lib')) &&
    fs.statSync(jar).mtimeMs >= newestSourceTime(dir)
  );
}

/**
 * Builds the launcher with Maven when it is missing or older than its sources. The first build downloads
 * Neo4j Community from Maven Central, so it says what it is doing on the given progress stream.
 */
export async function ensureLauncherBuilt(progress: (line: string) => void): Promise<LauncherBuild> {
  const dir = launcherDir();
  if (!isBuilt(dir)) {
    progress(
      'Building the Neo4j launcher with Maven (the first build downloads Neo4j 5.26 Community from Maven Central, about 160 MB)...',
    );
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const mvn = spawn('mvn', ['-B', '-q', '-DskipTests', 'package'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      mvn.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      mvn.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      mvn.on('error', (error) =>
        reject(new Error(`cannot run Maven (mvn): ${error.message}; install Maven 3 and Java 17+`)),
      );
      mvn.on('exit', (code) =>
        code === 0
          ? resolve()
          : reject(
              new Error(`the Neo4j launcher's Maven build failed (exit ${code}):\n${output.slice(-4000)}`),
            ),
      );
    });
    progress(`Neo4j launcher built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  return {
    classpath: [path.join(dir, 'target', JAR), path.join(dir, 'target', 'lib', '*')].join(path.delimiter),
  };
}
