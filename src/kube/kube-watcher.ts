import { Injectable, Logger } from '@nestjs/common';
import { Watch } from '@kubernetes/client-node';
import { kubeConfigFrom } from './kube-config.js';

/** Stops a running watch. */
export type StopWatching = () => void;

/** Tells when objects of some kinds change in a cluster; replaced by a fake in tests. */
export abstract class KubeWatcher {
  abstract watch(kubeConfig: string, paths: string[], onChange: () => void): StopWatching;
}

const RESTART_MS = 5000;

/**
 * Kubernetes watches through @kubernetes/client-node. The API server ends a watch after a few
 * minutes (and a watch breaks when the cluster restarts); each path is watched again after a
 * pause until stopped. The first events of a watch list what exists, which triggers one check.
 */
@Injectable()
export class ClientNodeKubeWatcher extends KubeWatcher {
  private readonly logger = new Logger(ClientNodeKubeWatcher.name);

  watch(kubeConfig: string, paths: string[], onChange: () => void): StopWatching {
    const watch = new Watch(kubeConfigFrom(kubeConfig));
    let stopped = false;
    const running = new Map<string, AbortController>();
    const timers = new Set<NodeJS.Timeout>();

    const start = (path: string): void => {
      if (stopped) return;
      const restart = (error: unknown) => {
        running.delete(path);
        if (stopped) return;
        if (error) {
          const reason = error instanceof Error ? error.message : JSON.stringify(error);
          this.logger.debug(`watch ${path} ended: ${reason}`);
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          start(path);
        }, RESTART_MS);
        timers.add(timer);
      };
      watch
        .watch(path, { allowWatchBookmarks: false }, () => onChange(), restart)
        .then((controller) => {
          if (stopped) controller.abort();
          else running.set(path, controller);
        })
        .catch(restart);
    };

    paths.forEach(start);
    return () => {
      stopped = true;
      for (const controller of running.values()) controller.abort();
      for (const timer of timers) clearTimeout(timer);
    };
  }
}
