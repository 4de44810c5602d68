package dev.baton.engine;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Check;
import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.OnExhausted;
import dev.baton.flow.ReviewPolicy;

import java.util.List;

/** Flows shaped like the samples, built in code (the JSON loader is written in parallel). */
public final class SampleFlows {

    private SampleFlows() {
    }

    /** sample-flows/chain-blog-article.json. */
    public static Flow blogChain() {
        return Flow.empty("chain-blog-article", "Blog article")
                .addNode(AgentNode.of("topic", NodeKind.START, "Article brief"))
                .addNode(AgentNode.of("researcher", NodeKind.AGENT, "Researcher")
                        .withRole("Research analyst who gathers facts, figures and sources for a blog article")
                        .withGoal("Produce research notes with verifiable claims, each followed by its source")
                        .withExpectedOutput("Bulleted research notes, one claim per bullet, each with its source"))
                .addNode(AgentNode.of("writer", NodeKind.AGENT, "Writer")
                        .withRole("Blog writer who turns research notes into a clear, engaging article")
                        .withGoal("Write a first draft that uses only the facts in the research notes")
                        .withExpectedOutput("A Markdown draft with a title and section headings"))
                .addNode(AgentNode.of("editor", NodeKind.AGENT, "Editor")
                        .withRole("Copy editor who tightens structure, tone and grammar")
                        .withGoal("Deliver a publishable article that keeps every fact and source of the draft")
                        .withExpectedOutput("The final article in Markdown"))
                .addNode(AgentNode.of("fact-checker", NodeKind.CRITIC, "Fact-checker")
                        .withRole("Fact-checker who validates every claim against the research notes")
                        .withCritic(new CriticSpec("Every factual claim is supported by the research notes.",
                                List.of(new Check.Regex("(?m)^# .+"), new Check.Length(400, 12000)))))
                .addNode(AgentNode.of("article", NodeKind.OUTPUT, "Published article"))
                .addEdge(Edge.next("topic-to-researcher", "topic", "researcher"))
                .addEdge(Edge.next("researcher-to-writer", "researcher", "writer"))
                .addEdge(Edge.next("writer-to-editor", "writer", "editor")
                        .withContext(new ContextPolicy(ContextMode.FULL, List.of(), 8000)))
                .addEdge(Edge.reviews("fact-check-editor", "fact-checker", "editor",
                        new ReviewPolicy(2, OnExhausted.CONTINUE_WITH_WARNING)))
                .addEdge(Edge.next("editor-to-article", "editor", "article").withContext(ContextPolicy.LAST));
    }
}
