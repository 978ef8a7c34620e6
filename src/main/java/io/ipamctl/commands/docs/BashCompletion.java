package io.ipamctl.commands.docs;

import io.ipamctl.commands.CompleteCommand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * completions/ipamctl.bash: picocli's generated bash completion (commands, options, fixed values),
 * plus live names. Where a parameter or option label names pools, namespaces, Pods or nodes (see
 * {@link io.ipamctl.commands.LiveName}), the script asks {@code ipamctl __complete KIND PREFIX}.
 * Written in the part of bash that zsh's bashcompinit also runs.
 */
public final class BashCompletion {

    static final String FILE = "completions/ipamctl.bash";

    private BashCompletion() {}

    public static String script(CommandLine root) {
        String name = root.getCommandSpec().name();
        return "#!/usr/bin/env bash\n"
                + "# Generated from the " + name + " command model by cli/regen-docs; do not edit. The same script:\n"
                + "# `" + name + " completion bash`. Load it with: source <(" + name
                + " completion bash), or save it as\n"
                + "# ~/.local/share/bash-completion/completions/" + name + ".\n"
                + core(root);
    }

    /** picocli's script (without its #! line) and the live names, shared with zsh's wrapper. */
    static String core(CommandLine root) {
        String picocli = AutoComplete.bash(root.getCommandSpec().name(), root);
        String shebang = "#!/usr/bin/env bash\n";
        return (picocli.startsWith(shebang) ? picocli.substring(shebang.length()) : picocli) + liveNames(root);
    }

    private static String liveNames(CommandLine root) {
        String name = root.getCommandSpec().name();
        List<OptionSpec> passedOn = CommandModel.passedOn(root.getCommandSpec());
        String passedValued = passedOn.stream()
                .filter(CommandModel::takesValue)
                .flatMap(o -> List.of(o.names()).stream())
                .collect(Collectors.joining(" "));
        String passedFlags = passedOn.stream()
                .filter(o -> !CommandModel.takesValue(o))
                .flatMap(o -> List.of(o.names()).stream())
                .collect(Collectors.joining(" "));
        StringBuilder b = new StringBuilder();
        b.append("""

                # ---------------------------------------------------------------------------------------
                # Live names (added by ipamctl's generator): a parameter or option whose label is POOL,
                # NAMESPACE, POD or NODE completes the names `%1$s %2$s KIND PREFIX` prints, asked with the
                # same %3$s as the command line.

                # _%1$s_model TYPED sets, for the command typed as TYPED ('' is %1$s itself): subs (its
                # subcommands), valued (its options that take a value), slots (the live-name kind of each
                # positional value, - for none), more (the kind of any further values) and named
                # (option=kind for the options whose value is a live name).
                function _%1$s_model() {
                  subs=''; valued=''; slots=''; more=''; named=''
                  case "$1" in
                """.formatted(
                        name,
                        CompleteCommand.NAME,
                        passedOn.stream().map(OptionSpec::longestName).collect(Collectors.joining(", "))));
        for (CommandLine cl : CommandModel.commands(root)) {
            b.append(modelCase(cl));
        }
        b.append("""
                  esac
                }

                # _%1$s_live_names fills COMPREPLY when the word being completed is a live name, else returns 1.
                function _%1$s_live_names() {
                  local subs valued slots more named
                  local cur=${COMP_WORDS[COMP_CWORD]} typed='' word expect='' kind='' pos=0 i s
                  local -a passed=()
                  _%1$s_model ''
                  for (( i = 1; i < COMP_CWORD; i++ )); do
                    word=${COMP_WORDS[i]}
                    if [ -n "$expect" ]; then
                      [ "$word" = "=" ] && continue   # --namespace=VALUE: bash splits words at '='
                      case " %3$s " in *" $expect "*) passed+=("$expect" "$word") ;; esac
                      expect=''
                      continue
                    fi
                    case "$word" in
                      -*)
                        case " $valued " in *" $word "*) expect=$word ;; esac
                        case " %4$s " in *" $word "*) passed+=("$word") ;; esac
                        continue
                        ;;
                    esac
                    if [ "$pos" -eq 0 ] && case " $subs " in *" $word "*) true ;; *) false ;; esac; then
                      typed=${typed:+$typed }$word
                      _%1$s_model "$typed"
                      continue
                    fi
                    pos=$((pos + 1))
                  done
                  if [ -n "$expect" ]; then
                    [ "$cur" = "=" ] && cur=''
                    for s in $named; do
                      [ "${s%%%%=*}" = "$expect" ] && kind=${s#*=}
                    done
                  elif [[ "$cur" != -* ]]; then
                    i=0
                    for s in $slots; do
                      [ "$i" -eq "$pos" ] && kind=$s
                      i=$((i + 1))
                    done
                    [ "$pos" -ge "$i" ] && kind=$more
                    [ "$kind" = - ] && kind=''
                  fi
                  [ -n "$kind" ] || return 1
                  # no file names when no live name matches (bash only: picocli's script aliases compopt in zsh)
                  if [ -n "${BASH_VERSION:-}" ]; then compopt +o default; fi
                  COMPREPLY=()
                  # one name per line, taken literally (never expanded by the shell)
                  while IFS= read -r word; do
                    [ -n "$word" ] && COMPREPLY+=("$word")
                  done < <("${COMP_WORDS[0]/#\\~/$HOME}" "${passed[@]}" %2$s "$kind" "$cur" 2>/dev/null)
                  return 0
                }

                function _%1$s_complete() {
                  # --flag=VALUE: bash splits the word at '=' ("--flag" "=" "VALUE", or "--flag" "=" right after the
                  # '='); the value functions below look at the word before the value, so they get "--flag" "VALUE"
                  # (readline still replaces only what follows the '=')
                  if (( COMP_CWORD >= 1 )) && [ "${COMP_WORDS[COMP_CWORD]}" = "=" ] \\
                    && [[ "${COMP_WORDS[COMP_CWORD-1]}" == -* ]]; then
                    COMP_WORDS[COMP_CWORD]=''
                  elif (( COMP_CWORD >= 2 )) && [ "${COMP_WORDS[COMP_CWORD-1]}" = "=" ] \\
                    && [[ "${COMP_WORDS[COMP_CWORD-2]}" == -* ]]; then
                    COMP_WORDS=("${COMP_WORDS[@]:0:COMP_CWORD-1}" "${COMP_WORDS[COMP_CWORD]}")
                    COMP_CWORD=$((COMP_CWORD - 1))
                  fi
                  # zsh hands --flag=VALUE over as one word: split every such word as bash does, and put "--flag="
                  # back before the values completing the word under the cursor (zsh replaces the whole word)
                  local prefix='' w i at=$COMP_CWORD
                  local -a split_words=()
                  if [ -n "${ZSH_VERSION:-}" ]; then
                    for (( i = 0; i < ${#COMP_WORDS[@]}; i++ )); do
                      w=${COMP_WORDS[i]}
                      if (( i > 0 )) && [[ "$w" == -*=* ]]; then
                        split_words+=("${w%%%%=*}" "${w#*=}")
                        if (( i <= COMP_CWORD )); then at=$((at + 1)); fi
                        if (( i == COMP_CWORD )); then prefix="${w%%%%=*}="; fi
                      else
                        split_words+=("$w")
                      fi
                    done
                    COMP_WORDS=("${split_words[@]}")
                    COMP_CWORD=$at
                  fi
                  _%1$s_live_names || _complete_%1$s "$@"
                  local rc=$?
                  if [ -n "$prefix" ]; then COMPREPLY=("${COMPREPLY[@]/#/$prefix}"); fi
                  return $rc
                }

                complete -F _%1$s_complete -o default %1$s
                """.formatted(name, CompleteCommand.NAME, passedValued, passedFlags));
        return b.toString();
    }

    private static String modelCase(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        Set<String> subs = new LinkedHashSet<>();
        for (CommandLine c : CommandModel.children(cl)) {
            subs.add(c.getCommandSpec().name());
            subs.addAll(List.of(c.getCommandSpec().aliases()));
        }
        List<String> valued = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (OptionSpec o : CommandModel.allOptions(spec)) {
            if (CommandModel.takesValue(o)) {
                valued.addAll(List.of(o.names()));
                CommandModel.optionKind(o).ifPresent(k -> List.of(o.names()).forEach(n -> named.add(n + "=" + k)));
            }
        }
        CommandModel.Slots slots = CommandModel.slots(spec);
        StringBuilder b = new StringBuilder("    ");
        b.append(CommandModel.typedPaths(cl).stream().map(p -> "'" + p + "'").collect(Collectors.joining("|")))
                .append(")\n");
        assign(b, "subs", String.join(" ", subs));
        assign(b, "valued", String.join(" ", valued));
        assign(b, "slots", String.join(" ", slots.fixed()));
        assign(b, "more", slots.more());
        assign(b, "named", String.join(" ", named));
        b.append("      ;;\n");
        return b.toString();
    }

    private static void assign(StringBuilder b, String variable, String value) {
        if (!value.isEmpty()) {
            b.append("      ").append(variable).append("='").append(value).append("'\n");
        }
    }
}
