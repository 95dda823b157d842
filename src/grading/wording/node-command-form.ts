/** `knoten <node> <command…>` as a shared-mode learner types it; the node word is one word. */
const KNOTEN_FORM = /^knoten\s+\S+\s+(\S[\s\S]*)$/;

/**
 * The command as it would have been typed in the node: `knoten kl-x-worker conntrack -L` is
 * `conntrack -L`, so a lab's `transcript` pattern fits both modes. Undefined for other commands.
 */
export function commandOnNode(command: string): string | undefined {
  return KNOTEN_FORM.exec(command.trim())?.[1];
}
