// Starts the vendored Swagger UI on /docs. A separate file, not an inline script, so that the page runs
// under the same Content-Security-Policy (script-src 'self') as every other page.
const root = document.getElementById("swagger-ui");
window.SwaggerUIBundle({
  url: root.dataset.openapiUrl,
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [window.SwaggerUIBundle.presets.apis],
});
