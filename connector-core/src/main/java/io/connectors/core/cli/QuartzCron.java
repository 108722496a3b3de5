package io.connectors.core.cli;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/** Checks a connector schedule the way the daemon reads it: a Quartz cron expression, evaluated in UTC. */
final class QuartzCron {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private QuartzCron() {}

    /**
     * The first tick after {@code now}, if the expression ever fires again.
     *
     * @throws CliException if {@code expression} is not a valid Quartz cron expression, saying why and how one looks
     */
    static Optional<Instant> next(String expression, Instant now) {
        ExecutionTime execution;
        try {
            execution = ExecutionTime.forCron(PARSER.parse(expression).validate());
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid cron expression '" + expression + "': " + e.getMessage(), java.util.List.of(
                    "a Quartz cron expression has 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year],"
                            + " with '?' in one of the two day fields; e.g. '0 0 * * * ?' (every hour), '0 30 2 * * ?'"
                            + " (02:30 UTC daily), '0 0 0 ? * MON' (Mondays at midnight UTC)"));
        }
        return execution.nextExecution(ZonedDateTime.ofInstant(now, ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
    }
}
