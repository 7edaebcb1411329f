import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium package, used when it is there. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** A Chromium to launch, and where its own shared libraries are, if it brings them. */
export interface ChromiumBinary {
  executablePath: string;
  libraryDir?: string;
}

/**
 * CHROMIUM_PATH if set; else Debian's Chromium if installed; else the headless shell that @sparticuz/chromium
 * ships inside its npm package, so that `npm ci && npm test` needs no system browser.
 * `CHROMIUM_PATH=bundled` picks the npm one even where Debian's is installed.
 */
export function findChromium(): ChromiumBinary {
  const chosen = process.env.CHROMIUM_PATH?.trim() || undefined;
  if (chosen === 'bundled') return bundledChromium();
  if (chosen !== undefined) {
    if (!fs.existsSync(chosen)) throw new Error(`CHROMIUM_PATH names ${chosen}, which does not exist`);
    return { executablePath: chosen };
  }
  return fs.existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : bundledChromium();
}

/**
 * The package keeps the binary brotli-compressed (about 60 MB; 190 MB unpacked). It is unpacked once per package
 * version into the temporary directory, shared by checkouts, and renamed into place whole, so that a run stopped
 * half-way, or two runs at once, never leave a truncated binary behind. Its own NSS libraries come along: a
 * machine with only Node, Java and Maven may have no libnss3.
 */
function bundledChromium(): ChromiumBinary {
  const packageDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const dir = path.join(os.tmpdir(), `institution-graph-chromium-${version}`);
  if (!fs.existsSync(dir)) unpack(path.join(packageDir, 'bin'), dir);
  return { executablePath: path.join(dir, 'chromium'), libraryDir: path.join(dir, 'lib') };
}

function unpack(bin: string, dir: string): void {
  const staging = fs.mkdtempSync(`${dir}.partial-`);
  try {
    fs.writeFileSync(
      path.join(staging, 'chromium'),
      zlib.brotliDecompressSync(fs.readFileSync(path.join(bin, 'chromium.br'))),
      { mode: 0o755 },
    );
    // The Amazon Linux libraries (NSS, NSPR, expat) run on any glibc at least as new, Debian's included.
    execFileSync('tar', ['-x', '-C', staging], {
      input: zlib.brotliDecompressSync(fs.readFileSync(path.join(bin, 'al2023.tar.br'))),
    });
    fs.renameSync(staging, dir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another run unpacked it first: theirs is as good.
    if (!fs.existsSync(path.join(dir, 'chromium'))) throw error;
  }
}

export function launchChromium(): Promise<Browser> {
  const { executablePath, libraryDir } = findChromium();
  const libraries = [libraryDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return chromium.launch({
    executablePath,
    env: libraryDir ? { ...process.env, LD_LIBRARY_PATH: libraries } : undefined,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
