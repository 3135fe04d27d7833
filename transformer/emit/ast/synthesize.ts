import type * as ts from "typescript";

/**
 * Parses a piece of JavaScript and rebuilds every node of it with the factory,
 * so the result carries no text positions and no link to the parsed text: it is
 * as if it had been written with `factory.create…` calls, comments included.
 *
 *     synthesizeExpression(ts, context, "(() => 1)()")
 *       → a CallExpression made of synthesized nodes
 *
 * Nodes parsed from text must not be inserted as they are: they point into a
 * file that is not part of the program, which confuses the emitter and can
 * crash the checker.
 */
export function synthesizeExpression(ts: typeof import("typescript"), context: ts.TransformationContext, text: string): ts.Expression {
  const file = parseOnce(ts, text);
  const statement = file.statements[0];
  if (file.statements.length !== 1 || !ts.isExpressionStatement(statement)) {
    throw new Error("ts-async-init: the plumbing template must be one expression");
  }
  const { factory } = ts;

  function copyComments(from: ts.Node, to: ts.Node): void {
    for (const range of ts.getLeadingCommentRanges(file.text, from.pos) ?? []) {
      const raw = file.text.slice(range.pos, range.end);
      const body = range.kind === ts.SyntaxKind.MultiLineCommentTrivia ? raw.slice(2, -2) : raw.slice(2);
      ts.addSyntheticLeadingComment(to, range.kind, reindent(body), range.hasTrailingNewLine);
    }
  }

  function rebuildLeaf(node: ts.Node): ts.Node | undefined {
    if (ts.isIdentifier(node)) return factory.createIdentifier(node.text);
    if (ts.isStringLiteral(node)) return factory.createStringLiteral(node.text);
    if (ts.isNumericLiteral(node)) return factory.createNumericLiteral(node.text);
    if (node.kind >= ts.SyntaxKind.FirstToken && node.kind <= ts.SyntaxKind.LastToken) {
      return factory.createToken(node.kind as ts.KeywordTypeSyntaxKind);
    }
    return undefined;
  }

  const rebuildList = ((nodes: ts.NodeArray<ts.Node> | undefined, visitor: ts.Visitor, test?: (node: ts.Node) => boolean, start?: number, count?: number) =>
    nodes && factory.createNodeArray([...ts.visitNodes(nodes, visitor, test, start, count)], nodes.hasTrailingComma)) as typeof ts.visitNodes;

  function rebuild(node: ts.Node): ts.Node {
    let copy: ts.Node | undefined = rebuildLeaf(node);
    if (!copy) {
      // Tokens (`=>`, operators) and lists (even empty ones) too: anything kept from
      // the template keeps its position, and the printer would emit whatever comment
      // the user's file has at that offset.
      copy = ts.visitEachChild(node, rebuild, context, rebuildList, rebuild as ts.Visitor) as ts.Node;
      if (copy === node) throw new Error(`ts-async-init: cannot rebuild a ${ts.SyntaxKind[node.kind]} of the plumbing`);
      ts.setOriginalNode(copy, undefined);
      ts.setTextRange(copy, { pos: -1, end: -1 });
    }
    if (ts.isStatement(node) || ts.isObjectLiteralElement(node) || ts.isClassElement(node)) copyComments(node, copy);
    return copy;
  }

  return rebuild(statement.expression) as ts.Expression;
}

// The template is parsed once per TypeScript instance; only the rebuild is done for each file.
const parsed = new WeakMap<object, Map<string, ts.SourceFile>>();

function parseOnce(ts: typeof import("typescript"), text: string): ts.SourceFile {
  let byText = parsed.get(ts);
  if (!byText) parsed.set(ts, (byText = new Map()));
  let file = byText.get(text);
  if (!file) byText.set(text, (file = ts.createSourceFile("ts-async-init-plumbing.js", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS)));
  return file;
}

/** Strips the template's own indentation from a comment, keeping its lines aligned. */
function reindent(body: string): string {
  const lines = body.split("\n");
  if (lines.length === 1) return body;
  const indent = Math.min(
    ...lines
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.length - l.trimStart().length),
  );
  return [lines[0], ...lines.slice(1).map((l) => l.slice(indent - 1))].join("\n");
}
