// Builds static/build/ from npm packages plus our own Hengelo theme. Nothing from node_modules is
// committed: `npm ci && npm run build` recreates it. No bundler is needed for plain CSS and JS.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nm = (...p) => join(root, "node_modules", ...p);
const out = join(root, "static", "build");
mkdirSync(join(out, "fonts"), { recursive: true });

// 1. One stylesheet: NL Design System components, then our tokens and portal layout.
const parts = [
  nm("@utrecht", "component-library-css", "dist", "index.css"),
  join(root, "static", "src", "css", "hengelo-tokens.css"),
  join(root, "static", "src", "css", "portal.css"),
];
const css = parts
  .map((file) => `/* ${file.slice(root.length + 1)} */\n${readFileSync(file, "utf8")}`)
  .join("\n");
writeFileSync(join(out, "hengelo.css"), css);

// 2. htmx.
copyFileSync(nm("htmx.org", "dist", "htmx.min.js"), join(out, "htmx.min.js"));

// 3. Fonts, for the web pages and for the PDFs (WeasyPrint reads the .woff files).
for (const weight of ["400", "700"]) {
  for (const ext of ["woff", "woff2"]) {
    const name = `noto-sans-latin-${weight}-normal.${ext}`;
    copyFileSync(nm("@fontsource", "noto-sans", "files", name), join(out, "fonts", name));
  }
}
console.log(`static/build: hengelo.css (${css.length} bytes), htmx.min.js, fonts`);
