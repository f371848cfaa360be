import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GROUPS } from '../../src/common/catalogue.js';
import type { Finding } from '../../src/common/findings.js';
import { locateProject } from '../../src/locate/project.js';
import type { Report } from '../../src/report/report.js';
import type { PullRequestFile } from './github-api.js';
import { checkOnServer } from './pg.js';

/** A finding as a pull-request case expects it: what fired, and where. */
export interface ExpectedFinding {
  rule: string;
  file: string;
  line: number;
  /** The reason of the waiver or label that accepts the finding. */
  waived?: string;
}

/**
 * `fixtures/pull-requests/<case>/expected.json`. Files in the case's `base/` and `head/` folders are laid
 * over the shared `_base` project; what a pull request deletes or only re-encodes cannot be a file there,
 * so `remove` and `crlf` say it.
 */
export interface PullRequestCase {
  about: string;
  /** The pull request carries the allow-label of this name. */
  label?: string;
  /** Paths (files or folders) the pull request deletes. */
  remove?: string[];
  /** Files the pull request converts to CRLF line endings and changes in no other way. */
  crlf?: string[];
  findings: ExpectedFinding[];
  /** Rules this case shows staying quiet: the near miss of a rule that fires elsewhere. */
  passes?: string[];
}

export function readCase(dir: string): PullRequestCase {
  return JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as PullRequestCase;
}

/**
 * Builds the case's git repository in `into`: the shared base with the case's `base/` on top, committed;
 * then the case's `head/` and deletions, committed on top of it, as a pull request's checkout would be.
 * Returns the base commit.
 */
export function buildPullRequest(shared: string, caseDir: string, into: string): string {
  const kase = readCase(caseDir);
  cpSync(shared, into, { recursive: true });
  overlay(path.join(caseDir, 'base'), into);
  const git = gitIn(into);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  const base = git('rev-parse', 'HEAD').trim();

  overlay(path.join(caseDir, 'head'), into);
  for (const file of kase.remove ?? []) rmSync(path.join(into, file), { recursive: true });
  for (const file of kase.crlf ?? []) {
    const target = path.join(into, file);
    writeFileSync(target, readFileSync(target, 'utf8').replaceAll('\n', '\r\n'));
  }
  git('add', '-A');
  git('commit', '-qm', 'pull request', '--allow-empty');
  return base;
}

/** Runs git in `dir` with a fixed identity, so commits work on any machine. */
export function gitIn(dir: string): (...args: string[]) => string {
  // Line endings must reach the commits as they are in the files: the CRLF case depends on it.
  const config = ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'core.autocrlf=false', '-c', 'commit.gpgsign=false'];
  return (...args) => execFileSync('git', [...config, ...args], { cwd: dir, encoding: 'utf8' });
}

/** Runs the whole check on the repository at `dir` as the action does on a pull request, failing on every group. */
export function checkPullRequest(
  dir: string,
  baseRef: string,
  options: { allowDestructive?: string | null; prismaVersion?: string } = {},
): Promise<Report> {
  return checkOnServer({
    project: locateProject(dir, {}),
    root: dir,
    failOn: [...GROUPS],
    prismaVersion: options.prismaVersion,
    baseline: path.join(dir, 'prisma/drift-baseline.json'),
    targets: [],
    largeTable: {},
    drift: true,
    baseRef,
    allowDestructive: options.allowDestructive ?? null,
    log: () => {},
  });
}

/** A report's findings in the shape of expected.json, in a stable order. */
export function asExpected(findings: readonly Finding[]): ExpectedFinding[] {
  return sortExpected(
    findings.map((finding) => ({
      rule: finding.rule,
      file: finding.location?.file ?? '',
      line: finding.location?.line ?? 0,
      ...(finding.waived ? { waived: finding.waived.reason } : {}),
    })),
  );
}

export function sortExpected(findings: readonly ExpectedFinding[]): ExpectedFinding[] {
  const key = (f: ExpectedFinding) => `${f.file}\0${String(f.line).padStart(6, '0')}\0${f.rule}\0${f.waived ?? ''}`;
  return [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function overlay(from: string, to: string): void {
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}

/**
 * The pull request's files as GitHub's `GET /pulls/{n}/files` lists them: status, and `patch`, git's diff of
 * the file without its header lines (GitHub's diff of a pull request is against the merge base, which here is
 * `base`).
 */
export function pullRequestFiles(dir: string, base: string, head: string): PullRequestFile[] {
  const git = gitIn(dir);
  const STATUS: Record<string, PullRequestFile['status']> = { A: 'added', D: 'removed', M: 'modified' };
  return git('diff', '--no-renames', '--name-status', base, head)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [status, filename] = line.split('\t') as [string, string];
      const diff = git('diff', '--no-renames', '--unified=3', base, head, '--', filename);
      const hunks = diff.slice(diff.indexOf('\n@@') + 1).replace(/\n$/, '');
      return { filename, status: STATUS[status] ?? 'modified', ...(diff.includes('\n@@') ? { patch: hunks } : {}) };
    });
}
