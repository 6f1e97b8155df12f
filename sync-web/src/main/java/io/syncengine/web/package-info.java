/**
 * The HTTP edge: JAX-RS resources that validate, translate and hand over to the application services; the request
 * reader for batches; the one problem+json shape (RFC 9457) every error takes. Wire bodies are records. The OpenAPI
 * document ({@code /openapi}) is {@code META-INF/openapi.yaml}, written by hand; {@code OpenApiIT} holds it to the
 * endpoint table and lints it.
 */
package io.syncengine.web;
