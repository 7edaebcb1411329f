// A pair of entities resolution could not decide about: open for review, confirmed (merged) or rejected (never
// proposed or merged by resolution again). Its id is made of the pair's two ids in order.
CREATE CONSTRAINT resolution_candidate_id IF NOT EXISTS FOR (c:ResolutionCandidate) REQUIRE c.id IS UNIQUE;
CREATE INDEX resolution_candidate_status IF NOT EXISTS FOR (c:ResolutionCandidate) ON (c.status);
