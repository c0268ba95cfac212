package dev.backprop.sweep;

import dev.backprop.coordination.LeasedRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Sweeps in the {@code sweeps} table, shared by every replica and leased to the one that coordinates each. */
@Component
class SweepRecords extends LeasedRecords<Sweep> {

    static final int RECORD_VERSION = 1;

    SweepRecords(JdbcClient db, JsonMapper json) {
        super(db, json, "sweeps", Sweep.class, RECORD_VERSION);
    }
}
