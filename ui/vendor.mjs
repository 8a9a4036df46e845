// Copies the built files of the UI's front-end libraries from node_modules into server/static/vendor/,
// which is committed so that the Python package ships them (the server never loads anything from a CDN).
// Run after `npm ci`:  npm run vendor   (from this folder)
// Each copied file keeps (or, when the build has none, gets) a header naming the library, its version and
// its MIT license; the full license texts are copied beside them.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const target = join(here, "..", "server", "static", "vendor");

const MIT = (holders) => `MIT License

Copyright (c) ${holders}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation
the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and
to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of
the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO
THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
IN THE SOFTWARE.
`;

function pkg(name) {
  return JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
}

// The builds' source-map comments are dropped: the maps are not vendored, so a browser would ask for a
// missing file when its developer tools are open.
function stripSourceMap(text) {
  return text.replace(/\n?\/[/*]# sourceMappingURL=[^\n]*\s*$/, "\n");
}

const libraries = [
  {
    name: "@zazuko/yasgui",
    folder: "yasgui",
    files: ["build/yasgui.min.js", "build/yasgui.min.css"],
    // The published build carries no license comment: add one.
    header: (p) => `/*! ${p.name} ${p.version} | MIT License | (c) Triply <info@triply.cc> and Zazuko GmbH | ` +
      `${p.homepage} | full text: LICENSE beside this file */\n`,
    license: () => MIT("Triply <info@triply.cc> and Zazuko GmbH (package @zazuko/yasgui, license field: MIT)"),
  },
  {
    name: "cytoscape",
    folder: "cytoscape",
    files: ["dist/cytoscape.min.js"],
    header: null, // the build starts with its own copyright and license comment, kept as is
    license: () => readFileSync(join(modules, "cytoscape", "LICENSE"), "utf8"),
  },
  {
    // The API documentation page (/docs) that FastAPI would otherwise load from a CDN.
    name: "swagger-ui-dist",
    folder: "swagger-ui",
    files: ["swagger-ui-bundle.js", "swagger-ui.css"],
    header: null, // the bundle names its license file, copied beside it; the CSS is the same package's
    license: () => readFileSync(join(modules, "swagger-ui-dist", "LICENSE"), "utf8") + "\n" +
      readFileSync(join(modules, "swagger-ui-dist", "NOTICE"), "utf8") + "\n" +
      readFileSync(join(modules, "swagger-ui-dist", "swagger-ui-bundle.js.LICENSE.txt"), "utf8"),
  },
];

const manifest = {};
for (const lib of libraries) {
  const p = pkg(lib.name);
  const folder = join(target, lib.folder);
  mkdirSync(folder, { recursive: true });
  for (const file of lib.files) {
    let text = stripSourceMap(readFileSync(join(modules, lib.name, file), "utf8"));
    if (lib.header) text = lib.header(p) + text;
    const out = join(folder, file.split("/").pop());
    writeFileSync(out, text);
    const rel = `${lib.folder}/${file.split("/").pop()}`;
    manifest[rel] = { package: lib.name, version: p.version, license: p.license, bytes: Buffer.byteLength(text),
                      sha256: createHash("sha256").update(text).digest("hex") };
    console.log(`${rel}: ${Buffer.byteLength(text)} bytes`);
  }
  writeFileSync(join(folder, "LICENSE"), lib.license());
}
writeFileSync(join(target, "MANIFEST.json"), JSON.stringify(manifest, null, 2) + "\n");
