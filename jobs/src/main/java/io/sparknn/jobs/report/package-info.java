/**
 * The training report's content and drawing: the model summary, the held-out details (confusion
 * matrix, misclassified images, regression residuals) gathered from scored rows, their JSON form
 * in the metrics file, and the inline SVG/PNG sections of the self-contained HTML page.
 */
package io.sparknn.jobs.report;
