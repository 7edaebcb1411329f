// A merged entity's old id is looked up on every read that takes an id: without this, each lookup scans every
// MERGED_INTO relationship.
CREATE CONSTRAINT merged_id IF NOT EXISTS FOR (m:MergedId) REQUIRE m.id IS UNIQUE;
