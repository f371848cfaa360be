import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { OUTPUT_NAMES } from '../../src/action/outputs.js';
import { GITHUB_ONLY_INPUTS, INPUT_NAMES } from '../../src/inputs.js';
import { REPO_ROOT } from '../support/corpus.js';

// GitHub reads action.yml before a line of the action runs: a file its YAML parser rejects, or one its
// runner does not accept, makes every `uses:` of the action fail. These are the runner's rules
// (actions/runner, src/Runner.Worker/action_yaml.json and ActionManifestManager.cs).
const TOP_LEVEL_KEYS = ['name', 'description', 'author', 'branding', 'inputs', 'outputs', 'runs'];
const INPUT_KEYS = ['description', 'required', 'default', 'deprecationMessage'];
const NODE_RUNS_KEYS = ['using', 'main', 'pre', 'pre-if', 'post', 'post-if'];
const NODE_RUNTIMES = ['node20', 'node24'];

interface ActionMetadata {
  name: unknown;
  description: unknown;
  inputs: Record<string, Record<string, unknown>>;
  outputs: Record<string, Record<string, unknown>>;
  runs: Record<string, unknown>;
}

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

function parseStrictly(text: string) {
  return parseDocument(text, { strict: true, uniqueKeys: true, prettyErrors: true });
}

function loadAction(): ActionMetadata {
  const document = parseStrictly(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8'));
  expect(document.errors.map((error) => error.message)).toEqual([]);
  expect(document.warnings.map((warning) => warning.message)).toEqual([]);
  return document.toJS() as ActionMetadata;
}

/** The first column of the table under `## heading` in the README. */
function readmeTable(heading: string): Map<string, string[]> {
  const section = README.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const name = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (name) rows.set(name, cells.slice(1));
  }
  return rows;
}

describe('action.yml', () => {
  it('is YAML that a strict parser accepts', () => {
    // The kind of line that once made GitHub reject the file: a plain scalar holding ": ".
    expect(parseStrictly('inputs:\n  schema:\n    description: Default, as Prisma finds it: prisma.config.ts\n').errors).not.toEqual([]);
    loadAction();
  });

  it('has only what the runner reads, with a Node.js runtime it supports and entry points that exist', () => {
    const action = loadAction();
    expect(Object.keys(action).filter((key) => !TOP_LEVEL_KEYS.includes(key))).toEqual([]);
    expect(action.name).toEqual(expect.any(String));
    expect(action.description).toEqual(expect.any(String));
    expect(NODE_RUNTIMES).toContain(action.runs.using);
    expect(Object.keys(action.runs).filter((key) => !NODE_RUNS_KEYS.includes(key))).toEqual([]);
    for (const entry of [action.runs.main, action.runs.post]) {
      expect(entry).toEqual(expect.any(String));
      expect(existsSync(path.join(REPO_ROOT, entry as string)), `${String(entry)} exists`).toBe(true);
    }
    // A cancelled or killed main step leaves databases and clusters only a post step can remove.
    expect(action.runs['post-if']).toBe('always()');
  });

  it('declares exactly the inputs the action reads, each with a description', () => {
    const { inputs } = loadAction();
    expect(Object.keys(inputs)).toEqual(INPUT_NAMES);
    for (const [name, input] of Object.entries(inputs)) {
      expect(typeof input.description === 'string' && input.description.length > 0, `input ${name} has a description`).toBe(true);
      expect(
        Object.keys(input).filter((key) => !INPUT_KEYS.includes(key)),
        `keys of input ${name}`,
      ).toEqual([]);
    }
  });

  it('declares exactly the outputs the action sets, each with a description', () => {
    const { outputs } = loadAction();
    expect(Object.keys(outputs)).toEqual([...OUTPUT_NAMES]);
    for (const [name, output] of Object.entries(outputs)) {
      expect(typeof output.description === 'string' && output.description.length > 0, `output ${name} has a description`).toBe(true);
    }
  });

  it('matches the README: every input with its default, every output', () => {
    const { inputs } = loadAction();
    const documented = readmeTable('Inputs');
    expect([...documented.keys()]).toEqual(INPUT_NAMES);
    for (const [name, input] of Object.entries(inputs)) {
      if (input.default !== undefined) expect(documented.get(name)?.[0], `README default of ${name}`).toBe(`\`${String(input.default)}\``);
    }
    expect([...readmeTable('Outputs').keys()]).toEqual([...OUTPUT_NAMES]);
  });

  it('says in the README which inputs have no command-line flag', () => {
    const commandLine = README.split('\n## Command line\n')[1]?.split('\n## ')[0] ?? '';
    for (const name of GITHUB_ONLY_INPUTS) expect(commandLine).toContain(`\`${name}\``);
  });
});
