package io.connectors.core.sync;

import io.connectors.api.sink.SyncKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a sync would do if it ran now, decided by the same diff as a real one but with nothing written: how many
 * documents it would create, update, skip and delete, with the first few ids of each for a reader to check.
 *
 * @param unchanged documents the target holds with the same change marker (always 0 for an incremental plan,
 *                  which cannot tell)
 * @param delete    for a full plan, ids the target holds that the source no longer streams; for an incremental
 *                  one, the deletions the source reports
 */
public record SyncPlan(SyncKind kind, long create, long update, long unchanged, long delete,
                       List<String> createSample, List<String> updateSample, List<String> deleteSample, Duration duration) {

    /** How many ids of each kind a plan keeps as examples. */
    public static final int SAMPLE_SIZE = 10;

    public SyncPlan {
        createSample = List.copyOf(createSample);
        updateSample = List.copyOf(updateSample);
        deleteSample = List.copyOf(deleteSample);
    }

    /** Counts changes as they stream by; fed from one ordered stream. */
    static final class Tally {
        private long create;
        private long update;
        private long unchanged;
        private long delete;
        private final List<String> createSample = new ArrayList<>();
        private final List<String> updateSample = new ArrayList<>();
        private final List<String> deleteSample = new ArrayList<>();

        void add(Change change) {
            switch (change) {
                case Change.Create c -> create = count(create, createSample, c.document().id());
                case Change.Update u -> update = count(update, updateSample, u.document().id());
                case Change.Unchanged u -> unchanged++;
                case Change.Remove r -> delete = count(delete, deleteSample, r.id());
            }
        }

        SyncPlan plan(SyncKind kind, Duration duration) {
            return new SyncPlan(kind, create, update, unchanged, delete, createSample, updateSample, deleteSample, duration);
        }

        private static long count(long count, List<String> sample, String id) {
            if (sample.size() < SAMPLE_SIZE) {
                sample.add(id);
            }
            return count + 1;
        }
    }
}
