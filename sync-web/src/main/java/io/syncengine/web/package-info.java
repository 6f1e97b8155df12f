/**
 * The HTTP edge: JAX-RS resources that validate, translate and hand over to the application services; the request
 * reader for batches; the one problem+json shape (RFC 9457) every error takes. Wire bodies are records.
 */
package io.syncengine.web;
