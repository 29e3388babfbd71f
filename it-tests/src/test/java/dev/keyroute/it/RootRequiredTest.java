package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class RootRequiredTest {

    @Test
    void shouldEnableWhenNothingIsMissing() {
        assertFalse(RootRequired.decide(List.of(), true).isDisabled());
    }

    @Test
    void shouldSkipWhenSomethingIsMissingOutsideCi() {
        ConditionEvaluationResult r = RootRequired.decide(List.of("not running as root"), false);
        assertTrue(r.isDisabled());
        assertTrue(r.getReason().orElseThrow().contains("not running as root"));
    }

    @Test
    void shouldFailWhenSomethingIsMissingUnderCi() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> RootRequired.decide(List.of("wireguard-go not on PATH"), true));
        assertTrue(e.getMessage().contains("wireguard-go not on PATH"), e.getMessage());
    }
}
