import { type Scenario, type SimAgent, seeded } from './routingSimulation.js';

/**
 * 50 agents in 5 teams with different limits and schedules (two shifts, staggered breaks, early leavers), 2,000
 * arrivals over six simulated hours with VIPs, returning customers and owners. The invariants (no agent past their
 * limit, nobody waiting while an eligible agent has room, VIPs before others of the same queue, returning
 * customers with their previous agent when that agent has room, counters equal to real counts) are checked after
 * every one of the ~4,500 events (routing/routingSimulation.ts).
 */
export function simulationScenario(seed: number, arrivals = 2000): Scenario {
  const random = seeded(seed);
  const teams: SimAgent[][] = [];
  for (let t = 0; t < 5; t++) {
    const team: SimAgent[] = [];
    for (let j = 0; j < 10; j++) {
      const limit = j % 2 === 0 ? 3 : 5;
      // Shift A from the start, shift B an hour later; C leaves after four hours. Breaks are staggered.
      const shift = j < 4 ? 'A' : j < 8 ? 'B' : 'C';
      const begin = shift === 'B' ? 60 : 0;
      const end = shift === 'C' ? 240 : 400;
      // Breaks are staggered across shifts and teams; agents of one shift in one team go together.
      const breakAt = 100 + 40 * ['A', 'B', 'C'].indexOf(shift) + 7 * t;
      team.push({
        name: `${t + 1}组${j + 1}号`,
        limit,
        group: `${t}-${shift}-${limit}`,
        shifts: [
          { from: begin, to: breakAt },
          { from: breakAt + 15, to: end },
        ],
      });
    }
    teams.push(team);
  }
  // Team 1 is the popular one (售后 after a sale): 35 % of choices; 15 % choose nothing.
  const teamWeights = [0.35, 0.15, 0.15, 0.1, 0.1];
  const list = [];
  for (let i = 0; i < arrivals; i++) {
    const r = random();
    let acc = 0;
    let team: number | null = null;
    for (const [index, weight] of teamWeights.entries()) {
      acc += weight;
      if (r < acc) {
        team = index;
        break;
      }
    }
    list.push({
      at: Math.floor((i * 6 * 3600) / arrivals) + Math.floor(random() * 5),
      team,
      vip: random() < 0.1,
      returning: random() < 0.25,
      owner: random() < 0.1 ? ([Math.floor(random() * 5), Math.floor(random() * 10)] as [number, number]) : null,
      duration: 300 + Math.floor(random() * 1500),
    });
  }
  return { teams, arrivals: list };
}
