/**
 * Technical wiring of the database side: the application-defined XA datasource, the schema migration that runs on
 * start, and the readiness check for the database.
 */
package io.syncengine.infrastructure;
