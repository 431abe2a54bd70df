// iam-simulate.mjs: decides the requests of yourside's policy test files with an independent
// evaluator, @cloud-copilot/iam-simulate (a test oracle only, never shipped); prints one JSON
// line per request: file, set, request, decision (allow, explicit deny, implicit deny, or
// refused when the oracle rejects the input) and the oracle's message.
// Usage: node iam-simulate.mjs FILE...   (NODE_PATH or a node_modules beside it holds the package)
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(process.env.ORACLE_DIR ? process.env.ORACLE_DIR + '/' : import.meta.url)
const { runSimulation } = require('@cloud-copilot/iam-simulate')

const named = (v) => !v ? [] : Array.isArray(v) ? v.map((p) => ({ name: p.name, policy: p.policy }))
  : Object.entries(v).map(([name, policy]) => ({ name, policy }))
const levels = (v) => (v || []).map((l) => ({ orgIdentifier: l.level, policies: named(l.policies) }))
const text = (v) => Array.isArray(v) ? v.map(String) : String(v)
const accountOf = (arn) => /^\d{12}$/.test(arn) ? arn : (arn.split(':')[4] || '')
// the keys AWS puts in every signed request, which iam-simulate leaves to its caller
function derived(arn) {
  const m = /^arn:([^:]+):(iam|sts)::(\d{12}):(.*)$/.exec(arn)
  if (!m) return {}
  const [, part, svc, acct, rest] = m
  const out = { 'aws:PrincipalAccount': acct }
  if (svc === 'iam' && rest === 'root') Object.assign(out, { 'aws:PrincipalArn': arn, 'aws:PrincipalType': 'Account' })
  else if (svc === 'iam' && rest.startsWith('user/'))
    Object.assign(out, { 'aws:PrincipalArn': arn, 'aws:PrincipalType': 'User', 'aws:username': rest.split('/').pop() })
  else if (svc === 'iam' && rest.startsWith('role/')) Object.assign(out, { 'aws:PrincipalArn': arn, 'aws:PrincipalType': 'AssumedRole' })
  else if (svc === 'sts' && rest.startsWith('assumed-role/'))
    Object.assign(out, { 'aws:PrincipalArn': `arn:${part}:iam::${acct}:role/${rest.split('/')[1]}`, 'aws:PrincipalType': 'AssumedRole' })
  else if (svc === 'sts' && rest.startsWith('federated-user/')) Object.assign(out, { 'aws:PrincipalArn': arn, 'aws:PrincipalType': 'FederatedUser' })
  return out
}
const NAMES = { Allowed: 'allow', ExplicitlyDenied: 'explicit deny', ImplicitlyDenied: 'implicit deny' }

for (const file of process.argv.slice(2)) {
  const doc = JSON.parse(readFileSync(file, 'utf8'))
  const sets = Array.isArray(doc) ? doc : [doc]
  for (let i = 0; i < sets.length; i++) {
    const set = sets[i]
    for (let j = 0; j < (set.requests || []).length; j++) {
      const r = set.requests[j]
      const principal = r.principal || set.principal
      const context = {}
      const given = new Set(Object.keys(r.context || {}).map((k) => k.toLowerCase()))
      for (const [k, v] of Object.entries(derived(principal))) if (!given.has(k.toLowerCase())) context[k] = v
      for (const [k, v] of Object.entries(r.context || {})) context[k] = text(v)
      const sim = {
        identityPolicies: named(set.identity),
        serviceControlPolicies: levels(set.scp),
        resourceControlPolicies: levels(set.rcp),
        request: {
          principal: principal === '*' || principal === 'anonymous' ? { type: 'Anonymous' } : principal,
          action: r.action,
          resource: { resource: r.resource || '*', accountId: r.resource_account || set.resource_account || accountOf(principal) },
          contextVariables: context,
        },
      }
      if (set.boundary) sim.permissionBoundaryPolicies = [{ name: 'boundary', policy: set.boundary }]
      if (set.session) sim.sessionPolicy = set.session
      if (set.resource_policy) sim.resourcePolicy = set.resource_policy
      let out
      try {
        const res = await runSimulation(sim, {})
        if (res.resultType === 'error') out = { decision: 'refused', message: res.errors.message }
        else out = { decision: NAMES[res.overallResult] || String(res.overallResult) }
        if (res.result && res.result.ignoredContextKeys && res.result.ignoredContextKeys.length)
          out.ignored = res.result.ignoredContextKeys
      } catch (e) {
        out = { decision: 'refused', message: String(e && e.message || e) }
      }
      console.log(JSON.stringify({ file, set: i + 1, request: j + 1, ...out }))
    }
  }
}
