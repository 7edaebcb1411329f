// Lookups the read API relies on: countries by ISO code, events by date, and ranked search over names and
// aliases (searchText holds the aliases and acronym, since the full-text index reads string properties).
CREATE INDEX country_code IF NOT EXISTS FOR (c:Country) ON (c.code);
CREATE INDEX event_date IF NOT EXISTS FOR (e:Event) ON (e.date);
CREATE INDEX source_date IF NOT EXISTS FOR (s:Source) ON (s.date);
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.searchText]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false}};
