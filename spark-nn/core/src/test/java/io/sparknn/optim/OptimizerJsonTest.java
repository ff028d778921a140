package io.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OptimizerJsonTest {

    static List<Optimizer> optimizers() {
        return AllOptimizers.list();
    }

    private static String errorOf(String json) {
        return assertThrows(IllegalArgumentException.class, () -> Optimizers.fromJson(json))
                .getMessage();
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void roundTrips(Optimizer optimizer) {
        assertEquals(optimizer, Optimizers.fromJson(optimizer.toJson()));
    }

    @Test
    void writesTheDocumentedForm() {
        assertEquals(
                "{\"name\":\"adam\",\"beta1\":0.9,\"beta2\":0.999,\"epsilon\":1.0E-8," + "\"weightDecay\":0.0}",
                new Adam().toJson());
    }

    @Test
    void missingKeysTakeTheDefaults() {
        assertEquals(new Adam(), Optimizers.fromJson("{\"name\":\"adam\"}"));
        assertEquals(new AdamW(), Optimizers.fromJson("{\"name\":\"adamw\"}"));
        assertEquals(
                Sgd.withNesterov(0.9), Optimizers.fromJson("{\"name\":\"sgd\",\"momentum\":0.9,\"nesterov\":true}"));
        assertEquals(new Adam().withBetas(0.9, 0.98), Optimizers.fromJson("{\"name\":\"adam\",\"beta2\":0.98}"));
    }

    @Test
    void byNameGivesTheDefaults() {
        for (String name : Optimizers.NAMES) {
            Optimizer optimizer = Optimizers.byName(name);
            assertEquals(name, optimizer.name());
            assertEquals(optimizer, Optimizers.fromJson("{\"name\":\"" + name + "\"}"));
        }
        assertEquals(0.01, ((AdamW) Optimizers.byName("adamw")).weightDecay());
        assertEquals(1e-8, ((Adam) Optimizers.byName("adam")).epsilon());
    }

    @Test
    void unknownNameListsTheAcceptedNames() {
        String message = errorOf("{\"name\":\"adamax\"}");
        assertTrue(message.contains("'adamax'"), message);
        assertTrue(message.contains("sgd, adam, adamw, rmsprop, adagrad"), message);
        String byName = assertThrows(IllegalArgumentException.class, () -> Optimizers.byName("Adam"))
                .getMessage();
        assertTrue(byName.contains("'Adam'") && byName.contains("adamw"), byName);
    }

    @Test
    void unknownKeyIsNamedWithTheAcceptedKeys() {
        String message = errorOf("{\"name\":\"adam\",\"beta_1\":0.9}");
        assertTrue(message.contains("'beta_1'"), message);
        assertTrue(message.contains("beta1, beta2, epsilon, weightDecay"), message);
    }

    @Test
    void learningRateKeyPointsToTheSchedule() {
        String message = errorOf("{\"name\":\"sgd\",\"lr\":0.1}");
        assertTrue(message.contains("'lr'") && message.contains("learning-rate schedule"), message);
    }

    @Test
    void outOfRangeValuesNameTheKeyAndValue() {
        String beta = errorOf("{\"name\":\"adam\",\"beta1\":1.0}");
        assertTrue(beta.contains("beta1") && beta.contains("1.0") && beta.contains("[0, 1)"), beta);
        String eps = errorOf("{\"name\":\"rmsprop\",\"epsilon\":0}");
        assertTrue(eps.contains("epsilon") && eps.contains("> 0, got 0.0"), eps);
        String decay = errorOf("{\"name\":\"adagrad\",\"weightDecay\":-0.1}");
        assertTrue(decay.contains("weightDecay") && decay.contains("-0.1"), decay);
        String nesterov = errorOf("{\"name\":\"sgd\",\"nesterov\":true}");
        assertTrue(nesterov.contains("nesterov") && nesterov.contains("momentum"), nesterov);
    }

    @Test
    void wrongTypesNameTheKey() {
        String number = errorOf("{\"name\":\"adam\",\"beta1\":\"0.9\"}");
        assertTrue(number.contains("'beta1'") && number.contains("a number"), number);
        String bool = errorOf("{\"name\":\"sgd\",\"momentum\":0.9,\"nesterov\":1}");
        assertTrue(bool.contains("'nesterov'") && bool.contains("true or false"), bool);
    }

    @Test
    void malformedJsonIsReported() {
        assertTrue(errorOf("{\"name\":\"adam\",").contains("not valid JSON"));
        assertTrue(errorOf("[\"adam\"]").contains("must be an object"));
        assertTrue(errorOf("{\"beta1\":0.9}").contains("\"name\""));
        String duplicate = errorOf("{\"name\":\"adam\",\"beta1\":0.9,\"beta1\":0.8}");
        assertTrue(duplicate.contains("beta1"), duplicate);
    }
}
