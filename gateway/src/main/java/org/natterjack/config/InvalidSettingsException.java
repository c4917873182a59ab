package org.natterjack.config;

import java.util.List;

/** Settings overrides that do not make a valid configuration, with one problem per offending setting. */
public final class InvalidSettingsException extends IllegalArgumentException {

    /**
     * @param setting {@code section.key} as in the configuration file, or just {@code section}
     */
    public record Problem(String setting, String message) {
    }

    private final transient List<Problem> problems;

    public InvalidSettingsException(List<Problem> problems) {
        super(problems.stream().map(Problem::message).reduce((a, b) -> a + "; " + b).orElse("invalid settings"));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
