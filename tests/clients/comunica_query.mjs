// Runs one SELECT query with Comunica, using an Isnad SPARQL endpoint as the source, and prints the
// bindings as a JSON array of {variable: value} objects (values as plain strings), in order.
// Usage: node comunica_query.mjs ENDPOINT_URL QUERY
import { QueryEngine } from "@comunica/query-sparql";

const [endpoint, query] = process.argv.slice(2);
const engine = new QueryEngine();
const stream = await engine.queryBindings(query, { sources: [{ type: "sparql", value: endpoint }] });
const rows = [];
for await (const bindings of stream) {
  const row = {};
  for (const [variable, term] of bindings) row[variable.value] = term.value;
  rows.push(row);
}
process.stdout.write(JSON.stringify(rows));
