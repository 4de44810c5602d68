package dev.baton.engine.model.simulated;

import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a simulated swarm agent decides whether to hand a request on. A router (triage, dispatch) hands off to the peer
 * whose role and goal match the request best, and answers itself only when no peer matches (a greeting, thanks). A
 * specialist hands off when what the customer asks for (the clause after "want", "please", "can you" …) belongs to a
 * peer and not to itself, or when a peer fits the whole request clearly better. Nobody hands to an agent that has
 * already had the request, so the simulated model never provokes A→B→A loops.
 */
final class SimulatedSwarm {

    private static final Pattern INTENT = Pattern.compile("(?i)\\b(?:want|wants|would like|'d like|need|needs|wish"
            + "|asking for|ask for|request|please|can you|could you|how (?:do|can) (?:i|we))\\b([^.?!]*)");
    private static final String HANDLED = "Already handled by: ";

    /** What a swarm agent does with a request: hand off (one call, with a note) or answer (no call). */
    record Move(List<ToolCall> calls, String note) {
        static final Move ANSWER = new Move(List.of(), "");

        boolean handsOff() {
            return !calls.isEmpty();
        }
    }

    private SimulatedSwarm() {
    }

    static Move decide(SimulatedText.Spec spec, List<ToolSpec> tools, String user, java.util.Random rnd) {
        String request = SimulatedText.request(user);
        Set<String> handled = handled(user);
        List<SimulatedRole.Peer> peers = tools.stream().filter(t -> t.name().startsWith("handoff_to_"))
                .map(SimulatedRole.Peer::of)
                .filter(p -> !handled.contains(p.tool().substring("handoff_to_".length())))
                .sorted(java.util.Comparator.comparing(SimulatedRole.Peer::tool)).toList();
        if (peers.isEmpty()) {
            return Move.ANSWER;
        }
        String own = spec.name() + " " + spec.role() + " " + spec.goal();
        String intent = intent(request);
        if (spec.specialty().routes()) {
            // a router's own description names every specialty it routes to, so it is not compared with them
            SimulatedRole.Peer best = best(peers, request, intent);
            return best == null ? Move.ANSWER : handOff(best, request, "", "");
        }
        if (!intent.isEmpty()) {
            SimulatedRole.Peer wanted = best(peers, intent, "");
            if (wanted != null && score(intent, wanted) > LexicalMatch.similarity(intent, own)) {
                return handOff(wanted, intent, intent, SimulatedSupport.checked(spec.specialty(), request, rnd));
            }
        }
        SimulatedRole.Peer better = best(peers, request, "");
        double ownScore = LexicalMatch.similarity(request, own);
        if (better != null && score(request, better) > ownScore * 1.25 + 0.02) {
            return handOff(better, request, "", SimulatedSupport.checked(spec.specialty(), request, rnd));
        }
        return Move.ANSWER;
    }

    /** The clause saying what the person wants ("a refund" of "… and want a refund"), or "". */
    static String intent(String request) {
        Matcher m = INTENT.matcher(request);
        String found = "";
        while (m.find()) {
            if (!m.group(1).isBlank()) {
                found = m.group(1).strip();
            }
        }
        return found;
    }

    private static Set<String> handled(String user) {
        Set<String> out = new LinkedHashSet<>();
        int at = user.lastIndexOf(HANDLED);
        if (at >= 0) {
            for (String id : user.substring(at + HANDLED.length()).split("\\R")[0].split(",\\s*")) {
                out.add(id.strip());
            }
        }
        return out;
    }

    private static double score(String text, SimulatedRole.Peer peer) {
        return LexicalMatch.similarity(text, peer.name() + " " + peer.specialty());
    }

    /** The best-matching peer (ties go to the one matching the intent better, then by tool name), or null. */
    private static SimulatedRole.Peer best(List<SimulatedRole.Peer> peers, String text, String intent) {
        SimulatedRole.Peer best = null;
        double bestScore = 0;
        for (SimulatedRole.Peer p : peers) {
            double s = score(text, p) + (intent.isEmpty() ? 0 : score(intent, p) / 100);
            if (s > bestScore) {
                best = p;
                bestScore = s;
            }
        }
        return best;
    }

    /**
     * A handoff to {@code peer}: the reason names the words of {@code text} the peer's description shares (or the
     * customer's wish, when handing off for it); a specialist adds a note of what it checked, which reaches the next
     * agent as new information.
     */
    private static Move handOff(SimulatedRole.Peer peer, String text, String wish, String checked) {
        Set<String> shared = LexicalMatch.shared(text, peer.name() + " " + peer.specialty());
        String about = shared.isEmpty() ? "this request" : String.join(", ", shared);
        String what = peer.role().isEmpty() ? "" : " (" + SimulatedText.lowerFirst(peer.role()) + ")";
        String reason = (wish.isEmpty() ? "the request is about " + about : "the customer asks for " + wish)
                + ", which " + peer.name() + " handles" + what;
        String note = checked.isEmpty() ? "" : SimulatedModel.LABEL + "\n" + checked + " "
                + (wish.isEmpty() ? "The rest is for " + peer.name() + "." : "The customer asks for " + wish
                + ", which " + peer.name() + " decides.") + " I am passing the conversation on with this note.";
        return new Move(List.of(new ToolCall("call_1", peer.tool(), Map.of("reason", reason))), note);
    }
}
