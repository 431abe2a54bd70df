// iam-simulate-rate.mjs: decisions a second of @cloud-copilot/iam-simulate (the anchor of
// bench/iam.sh) on the same policy test file: every request once after a warm-up round, the
// median of ROUNDS rounds; prints requests, allowed, decisions a second.
// Usage: ORACLE_DIR=.../node_modules node iam-simulate-rate.mjs FILE [ROUNDS]
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(process.env.ORACLE_DIR + '/')
const { runSimulation } = require('@cloud-copilot/iam-simulate')
const named = (v) => Object.entries(v || {}).map(([name, policy]) => ({ name, policy }))
const levels = (v) => (v || []).map((l) => ({ orgIdentifier: l.level, policies: named(l.policies) }))
const sims = []
for (const set of JSON.parse(readFileSync(process.argv[2], 'utf8'))) {
  for (const r of set.requests) {
    const sim = {
      identityPolicies: named(set.identity), serviceControlPolicies: levels(set.scp), resourceControlPolicies: [],
      request: { principal: set.principal, action: r.action,
        resource: { resource: r.resource, accountId: set.principal.split(':')[4] }, contextVariables: r.context || {} },
    }
    if (set.resource_policy) sim.resourcePolicy = set.resource_policy
    sims.push(sim)
  }
}
const rounds = Number(process.argv[3] || 3)
let allowed = 0
const times = []
for (let k = 0; k <= rounds; k++) {
  const t0 = process.hrtime.bigint()
  allowed = 0
  for (const sim of sims) {
    const res = await runSimulation(sim, {})
    if (res.overallResult === 'Allowed') allowed++
  }
  if (k > 0) times.push(Number(process.hrtime.bigint() - t0) / 1e9)
}
times.sort((a, b) => a - b)
console.log(`${sims.length} ${allowed} ${Math.round(sims.length / times[Math.floor(times.length / 2)])}`)
