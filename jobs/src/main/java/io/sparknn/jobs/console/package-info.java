/**
 * The train command's live progress bar on a terminal: the rendering (a pure function of the
 * step progress the workers stream) and the console that redraws it in place.
 */
package io.sparknn.jobs.console;
