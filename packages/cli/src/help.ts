/**
 * The `--help` texts of the tool and of each command.
 *
 * @internal
 * @module
 */

const common = `Options:
  -c, --config <file>  the config file (default: hooks.config.ts, .mjs or .json in this folder)
      --json           machine-readable output on stdout
  -h, --help           this help`;

/** Help per command, and for the tool (`''`). */
export const helpTexts: Record<string, string> = {
  '': `hooks: webhook registrations as code, on Mattermost, Circuit, GoSquared and CodeChat.

Usage: hooks <command> [options]

Commands:
  plan     show what apply would change (exit 0: nothing, 2: changes pending, 1: error)
  apply    show the plan, ask, then make it so (--yes skips the question)
  list     every registration, as a table (--provider <id> for one provider)

${common}

The config's default export is { providers, specs, prune? }: providers as createHooks takes them,
specs as { provider, ...spec }, and prune: { urlPrefix } to delete unwanted registrations under
that prefix. Run 'hooks <command> --help' for one command. Colours only on a terminal; NO_COLOR
turns them off.`,
  plan: `Usage: hooks plan [options]

Reads the config, lists each provider once, and prints what apply would do: + create,
~ update (with each field's change), - delete (only with prune, only under its urlPrefix),
= unchanged, ! conflict. Sends no write.

Exit status: 0 when nothing would change, 2 when changes are pending, 1 on an error
(a bad config, a provider that failed, a conflict).

${common}`,
  apply: `Usage: hooks apply [--yes] [options]

Prints the plan, asks for confirmation on a terminal, then applies it: each registration is
read again before it is changed or deleted, and one that changed since the plan is left alone.
Without --yes, apply refuses when stdin is not a terminal (CI), and writes nothing.

Exit status: 0 when everything was applied (or nothing needed to be), 1 on an error.

Options:
  -y, --yes            apply without asking
${common.split('\n').slice(1).join('\n')}`,
  list: `Usage: hooks list [--provider <id>] [options]

Prints every registration the configured credentials can see, as a table (provider, kind, id,
name, enabled, URLs, events). The config's specs are not needed.

Exit status: 0, or 1 when a provider failed (the others are still listed).

Options:
  -p, --provider <id>  only this provider (mattermost, circuit, gosquared, instance)
${common.split('\n').slice(1).join('\n')}`,
};
