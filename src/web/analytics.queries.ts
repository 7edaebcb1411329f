import type { EntityRef, SourceRef } from './explorer.queries';

// What the explorer asks of the analytics API: only the fields it draws, for at most as many as it draws.

export type Measure = 'PAGERANK' | 'BETWEENNESS' | 'DEGREE';

export interface Scope {
  from: string | null;
  to: string | null;
}

export const CENTRALITY = `query Centrality($measure: CentralityMeasure!, $scope: AnalyticsScope, $first: Int) {
  centrality(measure: $measure, scope: $scope, first: $first) { ranked { score node { id } } }
}`;

export interface Centrality {
  centrality: { ranked: { score: number; node: { id: string } }[] };
}

export const COMMUNITIES = `query Communities($scope: AnalyticsScope, $first: Int) {
  communities(scope: $scope, first: $first) { communities { rank size members { id } } }
}`;

export interface Communities {
  communities: { communities: { rank: number; size: number; members: { id: string }[] }[] };
}

export interface BrokerSideInput {
  ids?: string[];
  countries?: string[];
}

const REF = '__typename id name';

export const BROKERS = `query Brokers($a: BrokerSide!, $b: BrokerSide!, $scope: AnalyticsScope, $first: Int) {
  brokers(a: $a, b: $b, scope: $scope, first: $first) {
    pathCount
    brokers {
      paths share node { ${REF} }
      routes { hops { from { ${REF} } to { ${REF} }
        links { via { ${REF} } edges { kind sources(first: 3) { id url title publisher date } } } } }
    }
  }
}`;

export interface BrokerHop {
  from: EntityRef;
  to: EntityRef;
  links: { via: EntityRef | null; edges: { kind: string; sources: SourceRef[] }[] }[];
}

export interface Brokers {
  brokers: {
    pathCount: number;
    brokers: { paths: number; share: number; node: EntityRef; routes: { hops: BrokerHop[] }[] }[];
  };
}
