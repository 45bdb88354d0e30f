// Turns api-extractor's one rollup per entry into the files the package ships: an ES module declaration file
// (`<entry>.d.ts`, for `import`) and a CommonJS one (`<entry>.d.cts`, for `require`). Each resolves what it imports
// (axios, jose, the package's own entries) in its own format, so an ESM app gets axios's ESM types.
//
// Two full copies of the main entry's 860 KB would take the package far past its 2 MB budget. So for the two big
// entries (index, legacy), `splitShared` keeps in the per-format files every value the entry exports and everything
// that names another module, and writes the rest — interfaces, type aliases, the generated Management model — once,
// to `<entry>.shared.d.cts` (and `index.management.d.cts`), which both formats import. That is sound because by
// construction nothing in a shared file names another module: such a declaration means the same in either format.
import ts from "typescript";

/** The specifier a rollup uses for the package's own entries, rewritten to the sibling declaration file. */
const SELF = /(\bfrom\s+|\bimport\s*\(\s*)(["'])auth0(\/[\w/-]+)?\2/g;

/**
 * The rollup text for one format: the package's own entries (`auth0`, `auth0/testing`, …) become relative paths to
 * the sibling file of that format, so the types hold when the package is installed under another name, too.
 */
export function forFormat(text, format) {
  const extension = format === "esm" ? ".js" : ".cjs";
  return withoutDeclare(text).replace(SELF, (_match, keyword, quote, subpath) => {
    const name = subpath ? subpath.slice(1).replaceAll("/", "-") : "index";
    return `${keyword}${quote}./${name}${extension}${quote}`;
  });
}

/**
 * In a declaration file everything is ambient, so `declare` before an interface or a type alias says nothing: api-
 * extractor writes it anyway, and the 5,000 of them weigh 40 KB.
 */
export function withoutDeclare(text) {
  return text.replace(/^(export )?declare (interface|type) /gm, "$1$2 ");
}

/**
 * Splits a rollup into the entry's own file (written per format) and a shared file (written once). The entry's own
 * file keeps every value the entry exports — its classes, functions and constants, which the ESM and the CJS build
 * each have their own copy of at run time — and every declaration that names another module. The shared file gets
 * the rest (interfaces, type aliases, the generated namespaces) and whatever that refers to: by construction nothing
 * in it names another module, so it means the same in either format.
 *
 * A namespace named in `namespaces` (`{ Management: "./index.management.cjs" }`) becomes a module of its own whose
 * exports are exactly the namespace's members, imported as `import * as Management`: the same names without a
 * 2,700-line `export { … }` list.
 *
 * Returns `{ entry, files }`: the entry's text, and the text of each shared file by its specifier. Each file imports
 * what it names from the others.
 */
export function splitShared(text, { entry: entryName, shared: sharedSpecifier, namespaces = {} }) {
  const file = ts.createSourceFile("rollup.d.ts", text, ts.ScriptTarget.Latest, true);
  const declarations = new Map();
  const imported = new Set();
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      for (const name of importedNames(statement)) imported.add(name);
      continue;
    }
    const name = declaredName(statement);
    if (name !== undefined) declarations.set(name, [...(declarations.get(name) ?? []), statement]);
  }

  const refersTo = new Map([...declarations].map(([name, statements]) => [name, new Set(statements.flatMap((statement) => [...references(statement, (ref) => declarations.has(ref) || imported.has(ref))]))]));
  // What names another module, directly or through what it refers to, differs between the formats.
  const formatBound = new Set(imported);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, refs] of refersTo) {
      if (!formatBound.has(name) && [...refs].some((ref) => formatBound.has(ref))) {
        formatBound.add(name);
        grew = true;
      }
    }
  }
  // Kept in the entry's own file: every value it exports (classes, functions, constants), which each build has
  // its own copy of at run time, and whatever names another module. Shared: the rest, and whatever that refers to.
  const seeds = [...declarations].filter(([name, statements]) => !formatBound.has(name) && !statements.some((s) => isExported(s) && isValue(s)));
  const shared = new Set();
  const queue = seeds.map(([name]) => name);
  while (queue.length > 0) {
    const name = queue.pop();
    if (shared.has(name)) continue;
    shared.add(name);
    queue.push(...[...(refersTo.get(name) ?? [])].filter((ref) => declarations.has(ref)));
  }

  // Where each name is declared: the entry (no entry in the map), the shared file, or a namespace's module.
  const home = new Map([...shared].map((name) => [name, sharedSpecifier]));
  const namespaceModules = new Map();
  // api-extractor renames a declaration whose name a global already has (`PublicKeyCredential_2`); the module
  // exports it under the namespace's name for it, and the other files import it back under the local one.
  const exportedAs = new Map();
  for (const [namespace, specifier] of Object.entries(namespaces)) {
    for (const { local, exported } of namespaceMembers(declarations.get(namespace), namespace)) {
      if (home.get(local) !== sharedSpecifier) throw new Error(`declarations: ${namespace}.${exported} is not a shared declaration of its own`);
      home.set(local, specifier);
      if (local !== exported) exportedAs.set(local, exported);
    }
    namespaceModules.set(namespace, specifier);
  }

  const header = leadingFileComment(text, file);
  const entry = new OutputFile();
  const files = new Map([[sharedSpecifier, new OutputFile()], ...[...namespaceModules.values()].map((specifier) => [specifier, new OutputFile()])]);
  for (const statement of file.statements) {
    const name = declaredName(statement);
    const start = statement === file.statements[0] ? header.length : statement.getFullStart();
    const target = name !== undefined && home.has(name) ? files.get(home.get(name)) : entry;
    if (name !== undefined && namespaceModules.has(name)) {
      // The namespace is its module: `import * as Management from "./index.management.cjs"`, exported by name.
      target.namespaceImports.set(name, namespaceModules.get(name));
      target.exported.add(name);
      if (isExported(statement)) entry.reexports.add(name);
      continue;
    }
    const full = text.slice(start, statement.end);
    const offset = statement.getStart() - start;
    if (target === entry) {
      entry.parts.push(full);
    } else {
      if (isExported(statement)) entry.reexports.add(name);
      const body = full.slice(offset);
      const exportNow = !isExported(statement) && !exportedAs.has(name);
      if (exportedAs.has(name)) target.renamed.set(name, exportedAs.get(name));
      target.parts.push(`${full.slice(0, offset)}${exportNow ? "export " : ""}${body}`);
    }
    for (const ref of references(statement, (candidate) => home.has(candidate))) target.uses(ref, home.get(ref));
  }
  for (const name of entry.reexports) entry.uses(name, home.get(name));

  const note = `// Declarations shared by ${entryName}.d.ts (import) and ${entryName}.d.cts (require); not an entry point.\n`;
  return {
    entry: `${header}${header ? "\n\n" : ""}${entry.render(undefined, exportedAs)}${entry.reexports.size > 0 ? `\nexport { ${[...entry.reexports].sort().join(", ")} };\n` : ""}`,
    files: new Map([...files].map(([specifier, output]) => [specifier, `${note}${output.render(specifier, exportedAs)}\n`])),
  };
}

/** One file being written: its statements, and the names it takes from the other files. */
class OutputFile {
  parts = [];
  imports = new Map();
  namespaceImports = new Map();
  exported = new Set();
  renamed = new Map();
  reexports = new Set();
  uses(name, specifier) {
    if (specifier === undefined || this.namespaceImports.has(name)) return;
    this.imports.set(specifier, (this.imports.get(specifier) ?? new Set()).add(name));
  }
  render(ownSpecifier, exportedAs) {
    const lines = [];
    for (const [name, specifier] of this.namespaceImports) lines.push(`import * as ${name} from "${specifier}";`);
    for (const [specifier, names] of this.imports) {
      const fromElsewhere = [...names].filter((name) => !this.namespaceImports.has(name));
      const bindings = fromElsewhere.sort().map((name) => (exportedAs.has(name) ? `${exportedAs.get(name)} as ${name}` : name));
      if (specifier !== ownSpecifier && bindings.length > 0) lines.push(`import { ${bindings.join(", ")} } from "${specifier}";`);
    }
    const exports = [...this.exported, ...[...this.renamed].map(([local, exported]) => `${local} as ${exported}`)];
    if (exports.length > 0) lines.push(`export { ${exports.join(", ")} };`);
    return `${lines.join("\n")}\n${this.parts.join("").replace(/^\n+/, "\n")}`;
  }
}

/** The names a namespace re-exports, when it is nothing but one `export { a, b, … }` of top-level declarations. */
function namespaceMembers(statements, namespace) {
  const [statement] = statements ?? [];
  const body = statement && ts.isModuleDeclaration(statement) ? statement.body : undefined;
  const only = body && ts.isModuleBlock(body) && body.statements.length === 1 ? body.statements[0] : undefined;
  if (!only || !ts.isExportDeclaration(only) || only.moduleSpecifier || !only.exportClause || !ts.isNamedExports(only.exportClause)) {
    throw new Error(`declarations: namespace ${namespace} is not a plain list of exports`);
  }
  return only.exportClause.elements.map((element) => ({ local: (element.propertyName ?? element.name).text, exported: element.name.text }));
}

/**
 * The generated model has a few hundred interfaces whose bodies are the same, property for property (a resource's
 * `Get…`, `Create…` and `Update…ResponseContent`): each repeat becomes `interface B extends A {}`, which is the same
 * type to the checker, keeps its name and doc comment, and saves 45 KB. Only plain interfaces declared once qualify.
 */
export function dedupeInterfaces(text) {
  const file = ts.createSourceFile("shared.d.ts", text, ts.ScriptTarget.Latest, true);
  const declaredTimes = new Map();
  for (const statement of file.statements) {
    const name = declaredName(statement);
    if (name !== undefined) declaredTimes.set(name, (declaredTimes.get(name) ?? 0) + 1);
  }
  const firstWithBody = new Map();
  const edits = [];
  for (const statement of file.statements) {
    if (!ts.isInterfaceDeclaration(statement) || statement.typeParameters || statement.heritageClauses || declaredTimes.get(statement.name.text) !== 1) continue;
    const body = text.slice(statement.members.pos, statement.members.end);
    if (body.length < 80) continue;
    const first = firstWithBody.get(body);
    if (first === undefined) firstWithBody.set(body, statement.name.text);
    else edits.push({ from: statement.name.end, to: statement.end, text: ` extends ${first} {}` });
  }
  let out = text;
  for (const edit of edits.reverse()) out = out.slice(0, edit.from) + edit.text + out.slice(edit.to);
  return out;
}

function declaredName(statement) {
  if (ts.isVariableStatement(statement)) {
    const [declaration] = statement.declarationList.declarations;
    return declaration && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
  }
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) {
    return statement.name && ts.isIdentifier(statement.name) ? statement.name.text : undefined;
  }
  return undefined;
}

function importedNames(statement) {
  const clause = statement.importClause;
  if (!clause) return [];
  const names = clause.name ? [clause.name.text] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) names.push(...bindings.elements.map((element) => element.name.text));
  return names;
}

function isValue(statement) {
  return ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isVariableStatement(statement) || ts.isEnumDeclaration(statement);
}

function isExported(statement) {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/** The top-level names a statement refers to: in type positions, `extends`/`implements`, `typeof`, and `export { }`. */
function references(statement, isCandidate) {
  const found = new Set();
  const visit = (node) => {
    let identifier;
    if (ts.isTypeReferenceNode(node)) identifier = leftmost(node.typeName);
    else if (ts.isExpressionWithTypeArguments(node)) identifier = leftmost(node.expression);
    else if (ts.isTypeQueryNode(node)) identifier = leftmost(node.exprName);
    else if (ts.isExportSpecifier(node)) identifier = node.propertyName ?? node.name;
    else if (ts.isComputedPropertyName(node)) identifier = leftmost(node.expression);
    if (identifier && ts.isIdentifier(identifier) && isCandidate(identifier.text)) found.add(identifier.text);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(statement, visit);
  return found;
}

function leftmost(node) {
  while (ts.isQualifiedName(node) || ts.isPropertyAccessExpression(node)) node = ts.isQualifiedName(node) ? node.left : node.expression;
  return node;
}

/** The file's own doc comment (`@packageDocumentation`), which stays at the top of the entry's file. */
function leadingFileComment(text, file) {
  const first = file.statements[0];
  if (!first) return "";
  const ranges = ts.getLeadingCommentRanges(text, first.getFullStart()) ?? [];
  const doc = ranges.find((range) => text.slice(range.pos, range.end).includes("@packageDocumentation"));
  return doc ? text.slice(0, doc.end) : "";
}
