/**
 * Call records in a database over plain JDBC: embedded H2 in file mode by default, PostgreSQL (or
 * any database both the driver and the Flyway migrations in {@code db/migration} take) by
 * {@code spring.datasource.url}. Written by one thread as calls go, read by the HTTP API.
 */
package dev.voicebot.app.records.db;
