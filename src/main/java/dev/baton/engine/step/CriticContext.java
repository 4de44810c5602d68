package dev.baton.engine.step;

import java.util.List;

/** What a critic loop may ask of the run: a {@link StepContext}, and recording each verdict. */
public interface CriticContext extends StepContext {

    /** Records a critic's verdict on attempt {@code attempt} of {@code nodeId}'s output. */
    void criticVerdict(String criticId, String edgeId, String nodeId, boolean pass, String feedback,
                       List<String> failedChecks, int attempt);
}
