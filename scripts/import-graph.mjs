#!/usr/bin/env node
/**
 * Draws the house from the imports of src/: every top-level folder of src/ is a module on a
 * floor; an import from a lower floor to a higher one is an arrow running back up. Prints the
 * module arrows, the arrows up, import circles (between files and between modules) and the
 * largest files. `src/house.spec.ts` fails on any arrow up or circle, so the drawing stays true.
 *
 * Usage: node scripts/import-graph.mjs [--arrows]
 */
import console from 'node:console';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** @typedef {import('./import-graph.d.mts').House} House */

/**
 * Floor of each module, ground floor 0. A module may import its own floor and those below.
 * @type {Record<string, number>}
 */
export const FLOORS = {
  config: 0,
  generated: 0,
  // The API contract: shared with web/, imports no server code (eslint holds that too).
  contract: 0,
  common: 1,
  prisma: 2,
  kube: 2,
  labs: 2,
  auth: 3,
  clusters: 3,
  grading: 3,
  'node-views': 4,
  terminal: 5,
  sessions: 5,
  instructor: 5,
  health: 5,
  app: 6,
  cli: 6,
  'lab-tools': 6,
  bench: 6,
  doctor: 6,
};

const IMPORT_PATTERNS = [
  /\bfrom\s*'([^']+)'/g,
  /^\s*import\s*'([^']+)'/gm,
  /\bimport\(\s*'([^']+)'\s*\)/g,
];

/**
 * @param {string} dir
 * @returns {string[]}
 */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The module a file of src/ belongs to: its top-level folder, or `app` for files at the root.
 * @param {string} srcPath
 */
export function moduleOf(srcPath) {
  const parts = srcPath.split('/');
  return parts.length === 1 ? 'app' : parts[0];
}

/** @param {string} text */
function importsOf(text) {
  return IMPORT_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
}

/**
 * Strongly connected components with more than one member (Tarjan).
 * @param {string[]} nodes
 * @param {(node: string) => string[]} edgesOf
 * @returns {string[][]}
 */
function circles(nodes, edgesOf) {
  /** @type {Map<string, number>} */
  const index = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {string[]} */
  const stack = [];
  const onStack = new Set();
  /** @type {string[][]} */
  const found = [];
  let next = 0;
  /** @param {string} node */
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of edgesOf(node)) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node), index.get(to)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    /** @type {string[]} */
    const component = [];
    /** @type {string | undefined} */
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return found;
}

/**
 * Reads src/ (tests left out: they may reach anywhere) and returns the house it draws.
 * @param {string} srcDir
 * @returns {House}
 */
export function drawHouse(srcDir) {
  const files = sourceFiles(srcDir).map((path) => relative(srcDir, path));
  /** @type {Map<string, string[]>} */
  const fileEdges = new Map();
  /** @type {Map<string, string[]>} */
  const moduleEdges = new Map();
  /** @type {{ file: string, lines: number }[]} */
  const lines = [];
  /** @type {Record<string, string[]>} */
  const packageUsers = {};
  for (const file of files) {
    const text = readFileSync(join(srcDir, file), 'utf8');
    lines.push({ file, lines: text.split('\n').length });
    for (const specifier of importsOf(text).filter((s) => !s.startsWith('.'))) {
      (packageUsers[specifier] ??= []).push(file);
    }
    const targets = importsOf(text)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => relative(srcDir, resolve(srcDir, dirname(file), specifier)))
      .map((target) => target.replace(/\.js$/, '.ts'));
    fileEdges.set(file, targets);
    for (const target of targets) {
      const arrow = `${moduleOf(file)} -> ${moduleOf(target)}`;
      if (moduleOf(file) === moduleOf(target)) continue;
      moduleEdges.set(arrow, [...(moduleEdges.get(arrow) ?? []), `${file} -> ${target}`]);
    }
  }
  const modules = [...new Set(files.map(moduleOf))].sort();
  const arrows = [...moduleEdges.keys()].sort();
  /** @param {string} module */
  const floorOf = (module) => FLOORS[module] ?? Number.POSITIVE_INFINITY;
  const arrowsUp = arrows.filter((arrow) => {
    const [from, to] = arrow.split(' -> ');
    return floorOf(from) < floorOf(to);
  });
  return {
    modules,
    unplaced: modules.filter((module) => !(module in FLOORS)),
    arrows,
    arrowsUp: arrowsUp.map((arrow) => ({ arrow, imports: moduleEdges.get(arrow) })),
    fileCircles: circles(files, (file) =>
      (fileEdges.get(file) ?? []).filter((to) => fileEdges.has(to)),
    ),
    moduleCircles: circles(modules, (module) =>
      arrows
        .filter((arrow) => arrow.startsWith(`${module} -> `))
        .map((arrow) => arrow.split(' -> ')[1]),
    ),
    packageUsers,
    largestFiles: lines.sort((a, b) => b.lines - a.lines).slice(0, 10),
  };
}

/**
 * @param {House} house
 * @param {boolean} showArrows
 */
function print(house, showArrows) {
  console.log(`modules: ${house.modules.length}, module arrows: ${house.arrows.length}`);
  if (showArrows) for (const arrow of house.arrows) console.log(`  ${arrow}`);
  if (house.unplaced.length > 0)
    console.log(`modules without a floor: ${house.unplaced.join(', ')}`);
  console.log(`arrows up: ${house.arrowsUp.length}`);
  for (const { arrow, imports } of house.arrowsUp) {
    console.log(`  ${arrow} (${imports.length} imports)`);
    for (const line of imports) console.log(`      ${line}`);
  }
  console.log(`file circles: ${house.fileCircles.length}`);
  for (const circle of house.fileCircles) console.log(`  ${circle.join(' <-> ')}`);
  console.log(`module circles: ${house.moduleCircles.length}`);
  for (const circle of house.moduleCircles) console.log(`  ${circle.join(' <-> ')}`);
  console.log('largest files:');
  for (const { file, lines } of house.largestFiles) console.log(`  ${lines} ${file}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  print(drawHouse(srcDir), process.argv.includes('--arrows'));
}
