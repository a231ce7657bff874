/**
 * The engine's public face: {@link org.larchdb.engine.Database} (one open data directory) and
 * {@link org.larchdb.engine.Session} (prepare, bind, execute), with the values they exchange.
 * The engine never imports pgwire or auth.
 */
package org.larchdb.engine;
