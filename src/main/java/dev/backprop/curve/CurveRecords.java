package dev.backprop.curve;

import dev.backprop.coordination.LeasedRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Learning curves in the {@code learning_curves} table, shared by every replica, leased to the one that runs each. */
@Component
class CurveRecords extends LeasedRecords<LearningCurve> {

    static final int RECORD_VERSION = 1;

    CurveRecords(JdbcClient db, JsonMapper json) {
        super(db, json, "learning_curves", LearningCurve.class, RECORD_VERSION);
    }
}
