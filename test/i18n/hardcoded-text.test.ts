// No interface text written into the components: every word a user reads or hears (JSX text,
// aria-label, title, placeholder, alt) comes from the catalogs, so the Arabic interface has no
// English left in it. Latin text is allowed only where it is not interface language: inside an
// element marked with another `lang`, in <code>/<kbd>, and in placeholders that show a path, an
// address or language tags to type.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../support/paths.js';

const spokenAttributes = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'placeholder', 'alt', 'label']);
const latinWord = /[A-Za-z]{2,}/;
/** Placeholders that show what to type: a path, a web address, language tags. */
const examplePlaceholder = /^(\/|https?:\/\/|[a-z]{2}(-[A-Z]{2})?(, [a-z]{2}(-[A-Z]{2})?)*$)/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The literal text pieces of an attribute's value (strings and the fixed parts of templates), not inside calls such as t(…). */
function literals(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
  if (ts.isCallExpression(node)) return [];
  const found: string[] = [];
  ts.forEachChild(node, (child) => void found.push(...literals(child)));
  return found;
}

function attribute(element: ts.JsxOpeningLikeElement, name: string): ts.JsxAttribute | undefined {
  return element.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name);
}

/** True when `node` sits in an element whose text is not interface language (another lang, code, kbd). */
function exempt(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (!ts.isJsxElement(at)) continue;
    const opening = at.openingElement;
    if (['code', 'kbd'].includes(opening.tagName.getText())) return true;
    if (attribute(opening, 'lang')) return true;
  }
  return false;
}

/** Every hard-coded English piece of interface text under `dir`, as "file:line text". */
export function hardCodedText(dir: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(dir)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const report = (node: ts.Node, text: string) => found.push(`${path.relative(dir, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${JSON.stringify(text.trim())}`);
    const visit = (node: ts.Node): void => {
      if (ts.isJsxText(node) && latinWord.test(node.text) && !exempt(node)) report(node, node.text);
      if (ts.isJsxAttribute(node) && spokenAttributes.has(node.name.getText()) && node.initializer) {
        const name = node.name.getText();
        for (const text of literals(node.initializer)) {
          if (!latinWord.test(text)) continue;
          if (name === 'placeholder' && examplePlaceholder.test(text)) continue;
          if (ts.isJsxOpeningLikeElement(node.parent.parent) && attribute(node.parent.parent, 'lang')) continue;
          report(node, `${name}=${text}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('interface text', () => {
  it('comes from the catalogs: no English written into renderer/src', () => {
    expect(hardCodedText(path.join(repoRoot, 'renderer/src'))).toEqual([]);
  });

  it('is found when written into a component (the check itself works)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'Bad.tsx'), [
      'export const A = () => <button aria-label={`Actions for ${x}`} title="Show it">Delete tag</button>;',
      'export const B = () => <p lang="en">Khizana</p>;',
      'export const C = () => <code>tag:syria</code>;',
      'export const D = () => <input placeholder="/home/me/Articles" aria-label={t("x.y")} />;',
    ].join('\n'));
    expect(hardCodedText(dir).sort()).toEqual(['Bad.tsx:1 "Delete tag"', 'Bad.tsx:1 "aria-label=Actions for"', 'Bad.tsx:1 "title=Show it"']);
  });
});
