// Starts the vendored swagger-ui on the generated OpenAPI document (kept out of the HTML so the
// page needs no inline script under the Content-Security-Policy).
window.addEventListener("DOMContentLoaded", function () {
  window.SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#explorer", deepLinking: true });
});
