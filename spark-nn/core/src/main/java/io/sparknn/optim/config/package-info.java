/**
 * What optimizers and learning-rate schedules share to read their JSON configuration: a strict
 * reader that names unknown or mistyped keys, and range checks that name the key and the value.
 * It sits below both so that neither package depends on the other's internals.
 */
package io.sparknn.optim.config;
