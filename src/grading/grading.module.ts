import { Module } from '@nestjs/common';
import { CHECK_EVALUATORS } from './check-evaluator.js';
import { AnswerCheck } from './checks/answer.check.js';
import { ConnectivityCheck } from './checks/connectivity.check.js';
import { DnsCheck } from './checks/dns.check.js';
import { KubeProxyRulesCheck } from './checks/kube-proxy-rules.check.js';
import { NodeExecCheck } from './checks/node-exec.check.js';
import { PolicyCheck } from './checks/policy.check.js';
import { ReachabilityCheck } from './checks/reachability.check.js';
import { ResourceCheck } from './checks/resource.check.js';
import { SourceIpCheck } from './checks/source-ip.check.js';
import { TranscriptCheck } from './checks/transcript.check.js';
import { StepGrader } from './step-grader.js';
import { StepGraderService } from './step-grader.service.js';
import { TranscriptReader } from './transcript-reader.repository.js';

/** One evaluator per check kind (DESIGN.md §5). */
export const ALL_CHECKS = () => [
  new ResourceCheck(),
  new AnswerCheck(),
  new ConnectivityCheck(),
  new ReachabilityCheck(),
  new DnsCheck(),
  new SourceIpCheck(),
  new NodeExecCheck(),
  new KubeProxyRulesCheck(),
  new PolicyCheck(),
  new TranscriptCheck(),
];

@Module({
  providers: [
    { provide: CHECK_EVALUATORS, useFactory: ALL_CHECKS },
    { provide: StepGrader, useClass: StepGraderService },
    TranscriptReader,
  ],
  exports: [StepGrader, TranscriptReader],
})
export class GradingModule {}
