// One node whose value every committed write moves on (src/db/graph.generation.ts; the first write makes it):
// what the API keeps computed from the graph (the dashboard aggregates) is current while that value is.
CREATE CONSTRAINT graph_generation IF NOT EXISTS FOR (g:GraphGeneration) REQUIRE g.key IS UNIQUE;
