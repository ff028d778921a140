/** What the estimators share: training params, input validation and the call into the distributed trainer. */
package io.sparknn.ml.training;
