# fish completion for ipamctl. Generated from the ipamctl command model by cli/regen-docs; do not edit.
# The same script: `ipamctl completion fish`. Save it as ~/.config/fish/completions/ipamctl.fish.

# __ipamctl_model TYPED prints four lines for the command typed as TYPED ('' is ipamctl itself): its
# subcommands, its options that take a value, the live-name kind of each positional value
# (- for none) and the kind of any further values.
function __ipamctl_model --argument-names typed
    switch "$typed"
        case ''
            printf '%s\n' 'pool ip ns pod ovs trace doctor metrics sandbox shell server version completion options help' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'pool'
            printf '%s\n' 'usage check release list ls get create delete' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'pool usage'
            printf '%s\n' '' '--context --kubeconfig -l --selector -n --namespace -o --output --request-timeout --sort-by --source --threshold' 'pools' 'pools'
        case 'pool check'
            printf '%s\n' '' '--context --kubeconfig -l --selector -n --namespace -o --output --request-timeout --source' '' ''
        case 'pool release'
            printf '%s\n' '' '--context --kubeconfig -n --namespace --pool --request-timeout' '-' ''
        case 'pool list' 'pool ls'
            printf '%s\n' '' '--context --kubeconfig -l --selector -n --namespace -o --output --request-timeout --sort-by --source' 'pools' 'pools'
        case 'pool get'
            printf '%s\n' '' '--context --kubeconfig -n --namespace -o --output --request-timeout --sort-by --source' 'pools' 'pools'
        case 'pool create'
            printf '%s\n' '' '--cidr --context --dry-run -f --filename --gateway --ip-version --kubeconfig -n --namespace -o --output --prefix-length --range --request-timeout --vlan' '-' ''
        case 'pool delete'
            printf '%s\n' '' '--context --dry-run --kubeconfig -n --namespace --request-timeout' 'ippools' 'ippools'
        case 'ip'
            printf '%s\n' '' '--context --kubeconfig -n --namespace -o --output --request-timeout --source' '-' ''
        case 'ns'
            printf '%s\n' 'bind unbind list ls' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'ns bind'
            printf '%s\n' '' '--context --dry-run --kubeconfig -n --namespace --request-timeout' 'namespaces ippools ippools' ''
        case 'ns unbind'
            printf '%s\n' '' '--context --dry-run --kubeconfig -n --namespace --request-timeout' 'namespaces' ''
        case 'ns list' 'ns ls'
            printf '%s\n' '' '--context --kubeconfig -l --selector -n --namespace -o --output --request-timeout --sort-by' '' ''
        case 'pod'
            printf '%s\n' 'pin-ip why' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'pod pin-ip'
            printf '%s\n' '' '--context --dry-run -f --filename --kubeconfig -n --namespace -o --output --pool --request-timeout --timeout' 'pods -' ''
        case 'pod why'
            printf '%s\n' '' '--antrea-namespace --context --kubeconfig -n --namespace -o --output --request-timeout' 'pods' ''
        case 'ovs'
            printf '%s\n' 'show flows' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'ovs show'
            printf '%s\n' '' '--antrea-namespace --context --kubeconfig -n --namespace --node -o --output --pod --request-timeout' '' ''
        case 'ovs flows'
            printf '%s\n' '' '--antrea-namespace --context --diff --ip --kubeconfig -n --namespace --node -o --output --pod --request-timeout --table' '' ''
        case 'trace'
            printf '%s\n' 'list ls delete' '--antrea-namespace --context --dst-port --kubeconfig -n --namespace -o --output --protocol --request-timeout --src-port --tcp-flags --timeout' 'pods pods' ''
        case 'trace list' 'trace ls'
            printf '%s\n' '' '--context --kubeconfig -n --namespace -o --output --request-timeout --sort-by' '' ''
        case 'trace delete'
            printf '%s\n' '' '--context --dry-run --kubeconfig -n --namespace --request-timeout' '-' ''
        case 'doctor'
            printf '%s\n' '' '--antrea-namespace --check --context --kubeconfig -n --namespace -o --output --request-timeout --threshold' '' ''
        case 'metrics'
            printf '%s\n' 'serve' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'metrics serve'
            printf '%s\n' '' '--context --kubeconfig --listen -n --namespace --request-timeout --source' '' ''
        case 'sandbox'
            printf '%s\n' 'status stop' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'sandbox status'
            printf '%s\n' '' '--context --kubeconfig -n --namespace -o --output --request-timeout' '' ''
        case 'sandbox stop'
            printf '%s\n' '' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'shell'
            printf '%s\n' '' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'server'
            printf '%s\n' 'status stop' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'server status'
            printf '%s\n' '' '--context --kubeconfig -n --namespace -o --output --request-timeout' '' ''
        case 'server stop'
            printf '%s\n' '' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'version'
            printf '%s\n' '' '--antrea-namespace --context --kubeconfig -n --namespace -o --output --request-timeout' '' ''
        case 'completion'
            printf '%s\n' '' '--context --kubeconfig -n --namespace --request-timeout' '-' ''
        case 'options'
            printf '%s\n' '' '--context --kubeconfig -n --namespace --request-timeout' '' ''
        case 'help'
            printf '%s\n' '' '--context --kubeconfig -n --namespace --request-timeout' '-' ''
    end
end

# __ipamctl_state prints the command typed so far, how many positional values follow it, and the
# option whose value is being typed ('' for none).
function __ipamctl_state
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l typed ''
    set -l model (__ipamctl_model '')
    set -l pos 0
    set -l expect ''
    for word in $tokens
        if test -n "$expect"
            set expect ''
            continue
        end
        switch $word
            case '-*=*'
                continue
            case '-*'
                if contains -- $word (string split -n ' ' -- $model[2])
                    set expect $word
                end
                continue
        end
        if test $pos -eq 0; and contains -- $word (string split -n ' ' -- $model[1])
            set typed (string trim -- "$typed $word")
            set model (__ipamctl_model $typed)
            continue
        end
        set pos (math $pos + 1)
    end
    printf '%s\n' "$typed" $pos "$expect"
end

# True when the next word may be a subcommand of one of the commands typed as the arguments.
function __ipamctl_at
    set -l state (__ipamctl_state)
    contains -- "$state[1]" $argv; and test "$state[2]" = 0 -a -z "$state[3]"
end

# True when the command typed so far is one of the arguments.
function __ipamctl_in
    set -l state (__ipamctl_state)
    contains -- "$state[1]" $argv
end

# Prints the live-name kind of the positional value being typed; false when it has none.
function __ipamctl_slot
    set -l state (__ipamctl_state)
    test -z "$state[3]"; or return 1
    set -l model (__ipamctl_model "$state[1]")
    set -l slots (string split -n ' ' -- $model[3])
    set -l i (math $state[2] + 1)
    set -l kind $model[4]
    if test $i -le (count $slots)
        set kind $slots[$i]
    end
    test -n "$kind" -a "$kind" != -; or return 1
    echo $kind
end

# Prints the live names of a kind, asked with the same --context, --kubeconfig, --namespace, --request-timeout, --sandbox as the command line.
function __ipamctl_names --argument-names kind
    set -l tokens (commandline -opc)
    set -l cmd $tokens[1]
    set -e tokens[1]
    set -l passed
    set -l expect ''
    for word in $tokens
        if test -n "$expect"
            set -a passed $expect $word
            set expect ''
        else if contains -- $word --context --kubeconfig -n --namespace --request-timeout
            set expect $word
        else if contains -- $word --sandbox
            set -a passed $word
        end
    end
    command $cmd $passed __complete $kind (commandline -ct) 2>/dev/null
end

complete -c ipamctl -f
complete -c ipamctl -n '__ipamctl_slot >/dev/null' -a '(__ipamctl_names (__ipamctl_slot))'

# global options (every command)
complete -c ipamctl -l context -x -d 'The kubeconfig context to use (default: its current context).'
complete -c ipamctl -l kubeconfig -r -F -d 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).'
complete -c ipamctl -s n -l namespace -x -a '(__ipamctl_names namespaces)' -d 'The namespace for namespaced objects (default: the context\'s namespace, else default).'
complete -c ipamctl -l no-color -d 'No colour, even on a terminal (also: NO_COLOR=1).'
complete -c ipamctl -l request-timeout -x -d 'How long to wait for one API request, e.g. 5s, 1m; 0 waits forever (default: 30s).'
complete -c ipamctl -l sandbox -d 'Talk to the built-in sandbox cluster (the seed scenario) instead of a real one; the first use starts it in the background, it stops when idle or with: ipamctl sandbox stop.'
complete -c ipamctl -l sandbox-reset -d 'With --sandbox: put the sandbox back to the seed scenario (its Open vSwitch nodes restart).'
complete -c ipamctl -s v -l verbose -d 'Log API requests and error details to stderr (credentials are never printed).'

# ipamctl
complete -c ipamctl -n '__ipamctl_at ""' -a pool -d 'Usage and consistency of every IP pool (Antrea, Whereabouts, Node IPAM); create and delete Antrea pools.'
complete -c ipamctl -n '__ipamctl_at ""' -a ip -d 'Who holds an address: every pool that includes it, its state there and its owner; exit 3 if held twice.'
complete -c ipamctl -n '__ipamctl_at ""' -a ns -d 'Bind namespaces to IP pools (the ipam.antrea.io/ippools annotation).'
complete -c ipamctl -n '__ipamctl_at ""' -a pod -d 'Pod addresses: pin a Pod to a fixed IP from a pool, say why a Pod has no address.'
complete -c ipamctl -n '__ipamctl_at ""' -a ovs -d 'Open vSwitch of Antrea agents: ports, Pods, IPs and flows, one node or all.'
complete -c ipamctl -n '__ipamctl_at ""' -a trace -d 'Trace a packet from a Pod through the cluster (Antrea Traceflow) and show its path.'
complete -c ipamctl -n '__ipamctl_at ""' -a doctor -d 'Check that the cluster\'s IPAM works: Antrea\'s setup, agents, controller, webhook, Whereabouts, pools, RBAC.'
complete -c ipamctl -n '__ipamctl_at ""' -a metrics -d 'Prometheus metrics of the IP pools: serve them over HTTP, kept current by watches.'
complete -c ipamctl -n '__ipamctl_at ""' -a sandbox -d 'The built-in sandbox cluster of --sandbox: whether it runs, and stop it.'
complete -c ipamctl -n '__ipamctl_at ""' -a shell -d 'An interactive ipamctl prompt with history and completion of live names.'
complete -c ipamctl -n '__ipamctl_at ""' -a server -d 'The warm ipamctl server that answers commands without starting a JVM each time.'
complete -c ipamctl -n '__ipamctl_at ""' -a version -d 'Print the client version, its Java runtime, and the cluster\'s Kubernetes and Antrea versions.'
complete -c ipamctl -n '__ipamctl_at ""' -a completion -d 'Print the shell completion script for bash, zsh or fish.'
complete -c ipamctl -n '__ipamctl_at ""' -a options -d 'List the global command-line options (they apply to all commands).'
complete -c ipamctl -n '__ipamctl_at ""' -a help -d 'Show the help of any command (ipamctl help pool usage = ipamctl pool usage --help).'
complete -c ipamctl -n '__ipamctl_in ""' -s h -l help -d 'Show this help message and exit.'
complete -c ipamctl -n '__ipamctl_in ""' -s V -l version -d 'Print version information and exit.'

# ipamctl pool
complete -c ipamctl -n '__ipamctl_at "pool"' -a usage -d 'Show total, used and free addresses of every IP pool; fail CI when a pool runs full.'
complete -c ipamctl -n '__ipamctl_at "pool"' -a check -d 'Find leaked, unrecorded and doubly held addresses, overlapping pools and dangling pool references; exit 3 if any.'
complete -c ipamctl -n '__ipamctl_at "pool"' -a release -d 'Free a leaked address of an Antrea or Whereabouts pool, after checking its owner is gone.'
complete -c ipamctl -n '__ipamctl_at "pool"' -a list -d 'List IP pools of every source: ranges, subnet, gateway, VLAN, total and used addresses.'
complete -c ipamctl -n '__ipamctl_at "pool"' -a ls -d 'List IP pools of every source: ranges, subnet, gateway, VLAN, total and used addresses.'
complete -c ipamctl -n '__ipamctl_at "pool"' -a get -d 'Show one or more IP pools of any source; -o yaml adds their allocated addresses.'
complete -c ipamctl -n '__ipamctl_at "pool"' -a create -d 'Create an Antrea IPPool, validated before it reaches the server.'
complete -c ipamctl -n '__ipamctl_at "pool"' -a delete -d 'Delete Antrea IP pools; each is refused while it is in use unless --force.'
complete -c ipamctl -n '__ipamctl_in "pool"' -s h -l help -d 'Show this help and exit.'

# ipamctl pool usage
complete -c ipamctl -n '__ipamctl_in "pool usage"' -s A -l all-namespaces -d 'With --allocations: the addresses of every namespace\'s owners, whatever -n says (the default without -n).'
complete -c ipamctl -n '__ipamctl_in "pool usage"' -l allocations -d 'List the allocated addresses: POOL, IP, PHASE, OWNER, NODE.'
complete -c ipamctl -n '__ipamctl_in "pool usage"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "pool usage"' -s l -l selector -x -d 'Only objects whose labels match, as kubectl: key=value, key!=value, key, !key, key in (a,b), key notin (a,b), comma-separated (sent to the API server).'
complete -c ipamctl -n '__ipamctl_in "pool usage"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "pool usage"' -s o -l output -x -a 'table wide json yaml name prometheus jsonpath= jsonpath-file= custom-columns= custom-columns-file=' -d 'Output format: table (default), wide, json, yaml, name, prometheus, jsonpath=TEMPLATE, jsonpath-file=FILE, custom-columns=SPEC or custom-columns-file=FILE.'
complete -c ipamctl -n '__ipamctl_in "pool usage"' -l sort-by -x -d 'Sort the rows by a JSONPath over the -o json form of one row (.used, {.name}) or by a column name (USED); numbers sort as numbers, rows without the field first.'
complete -c ipamctl -n '__ipamctl_in "pool usage"' -l source -x -a 'antrea whereabouts node externalippool servicecidr all' -d 'antrea, whereabouts, node, externalippool, servicecidr or all; several comma-separated or repeated (default: every source the cluster has; sources not installed are skipped, sources you may not read are named in a warning).'
complete -c ipamctl -n '__ipamctl_in "pool usage"' -l threshold -x -d 'Exit with code 3 when any listed pool is PCT percent full or more (0-100); offending pools are named on stderr.'
complete -c ipamctl -n '__ipamctl_in "pool usage"' -s w -l watch -d 'After showing the pools, watch them and show them again at every change, until Ctrl-C. With --threshold, only the colours follow it.'

# ipamctl pool check
complete -c ipamctl -n '__ipamctl_in "pool check"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "pool check"' -s l -l selector -x -d 'Only objects whose labels match, as kubectl: key=value, key!=value, key, !key, key in (a,b), key notin (a,b), comma-separated (sent to the API server).'
complete -c ipamctl -n '__ipamctl_in "pool check"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "pool check"' -s o -l output -x -a 'table wide json yaml prometheus' -d 'Output format: table (default), wide, json, yaml or prometheus.'
complete -c ipamctl -n '__ipamctl_in "pool check"' -l source -x -a 'antrea whereabouts node externalippool servicecidr all' -d 'antrea, whereabouts, node, externalippool, servicecidr or all; several comma-separated or repeated (default: every source the cluster has; sources not installed are skipped, sources you may not read are named in a warning).'

# ipamctl pool release
complete -c ipamctl -n '__ipamctl_in "pool release"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "pool release"' -l pool -x -a '(__ipamctl_names pools)' -d 'The Antrea IPPool, or the Whereabouts IPPool (NAME or NAMESPACE/NAME), that lists IP; SOURCE/NAME as -o name prints it works too.'
complete -c ipamctl -n '__ipamctl_in "pool release"' -l yes -d 'Release it (without: only show what would be released).'

# ipamctl pool list
complete -c ipamctl -n '__ipamctl_in "pool list" "pool ls"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "pool list" "pool ls"' -s l -l selector -x -d 'Only objects whose labels match, as kubectl: key=value, key!=value, key, !key, key in (a,b), key notin (a,b), comma-separated (sent to the API server).'
complete -c ipamctl -n '__ipamctl_in "pool list" "pool ls"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "pool list" "pool ls"' -s o -l output -x -a 'table wide json yaml name jsonpath= jsonpath-file= custom-columns= custom-columns-file=' -d 'Output format: table (default), wide, json, yaml, name, jsonpath=TEMPLATE, jsonpath-file=FILE, custom-columns=SPEC or custom-columns-file=FILE.'
complete -c ipamctl -n '__ipamctl_in "pool list" "pool ls"' -l sort-by -x -d 'Sort the rows by a JSONPath over the -o json form of one row (.used, {.name}) or by a column name (USED); numbers sort as numbers, rows without the field first.'
complete -c ipamctl -n '__ipamctl_in "pool list" "pool ls"' -l source -x -a 'antrea whereabouts node externalippool servicecidr all' -d 'antrea, whereabouts, node, externalippool, servicecidr or all; several comma-separated or repeated (default: every source the cluster has; sources not installed are skipped, sources you may not read are named in a warning).'

# ipamctl pool get
complete -c ipamctl -n '__ipamctl_in "pool get"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "pool get"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "pool get"' -s o -l output -x -a 'table wide json yaml name jsonpath= jsonpath-file= custom-columns= custom-columns-file=' -d 'Output format: table (default), wide, json, yaml, name, jsonpath=TEMPLATE, jsonpath-file=FILE, custom-columns=SPEC or custom-columns-file=FILE.'
complete -c ipamctl -n '__ipamctl_in "pool get"' -l sort-by -x -d 'Sort the rows by a JSONPath over the -o json form of one row (.used, {.name}) or by a column name (USED); numbers sort as numbers, rows without the field first.'
complete -c ipamctl -n '__ipamctl_in "pool get"' -l source -x -a 'antrea whereabouts node externalippool servicecidr all' -d 'antrea, whereabouts, node, externalippool, servicecidr or all; several comma-separated or repeated (default: every source the cluster has; sources not installed are skipped, sources you may not read are named in a warning).'

# ipamctl pool create
complete -c ipamctl -n '__ipamctl_in "pool create"' -l cidr -x -d 'A CIDR range (network address and gateway never handed out); repeatable.'
complete -c ipamctl -n '__ipamctl_in "pool create"' -l dry-run -x -a 'none client server' -d 'none (default), client (check and print, send nothing) or server (the server validates, stores nothing).'
complete -c ipamctl -n '__ipamctl_in "pool create"' -s f -l filename -r -F -d 'Read the object from a YAML or JSON manifest (- for stdin).'
complete -c ipamctl -n '__ipamctl_in "pool create"' -l gateway -x -d 'The subnet\'s gateway (default with a single --cidr: its first address).'
complete -c ipamctl -n '__ipamctl_in "pool create"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "pool create"' -l ip-version -x -a '4 6' -d 'Address family; must match the gateway (default: the gateway\'s).'
complete -c ipamctl -n '__ipamctl_in "pool create"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "pool create"' -s o -l output -x -a 'yaml json name' -d 'Output format: yaml, json or name.'
complete -c ipamctl -n '__ipamctl_in "pool create"' -l prefix-length -x -d 'The subnet\'s prefix length (default with a single --cidr: its prefix).'
complete -c ipamctl -n '__ipamctl_in "pool create"' -l range -x -d 'An inclusive address range; repeatable.'
complete -c ipamctl -n '__ipamctl_in "pool create"' -l vlan -x -d 'VLAN ID 0-4094, 0 = untagged (default: 0).'

# ipamctl pool delete
complete -c ipamctl -n '__ipamctl_in "pool delete"' -l dry-run -x -a 'none client server' -d 'none (default), client (check and print, send nothing) or server (the server validates, stores nothing).'
complete -c ipamctl -n '__ipamctl_in "pool delete"' -l force -d 'Delete even when addresses are allocated or namespaces and pods still name the pool.'
complete -c ipamctl -n '__ipamctl_in "pool delete"' -s h -l help -d 'Show this help and exit.'

# ipamctl ip
complete -c ipamctl -n '__ipamctl_in "ip"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "ip"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "ip"' -s o -l output -x -a 'table wide json yaml' -d 'Output format: table (default), wide, json or yaml.'
complete -c ipamctl -n '__ipamctl_in "ip"' -l source -x -a 'antrea whereabouts node externalippool servicecidr all' -d 'antrea, whereabouts, node, externalippool, servicecidr or all; several comma-separated or repeated (default: every source the cluster has; sources not installed are skipped, sources you may not read are named in a warning).'

# ipamctl ns
complete -c ipamctl -n '__ipamctl_at "ns"' -a bind -d 'Make new Pods of a namespace take their addresses from a pool.'
complete -c ipamctl -n '__ipamctl_at "ns"' -a unbind -d 'Remove a namespace\'s pool binding; new Pods fall back to per-node addresses.'
complete -c ipamctl -n '__ipamctl_at "ns"' -a list -d 'List namespaces bound to pools, with each pool\'s usage.'
complete -c ipamctl -n '__ipamctl_at "ns"' -a ls -d 'List namespaces bound to pools, with each pool\'s usage.'
complete -c ipamctl -n '__ipamctl_in "ns"' -s h -l help -d 'Show this help and exit.'

# ipamctl ns bind
complete -c ipamctl -n '__ipamctl_in "ns bind"' -l dry-run -x -a 'none client server' -d 'none (default), client (check and print, send nothing) or server (the server validates, stores nothing).'
complete -c ipamctl -n '__ipamctl_in "ns bind"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "ns bind"' -l overwrite -d 'Replace an existing different binding.'

# ipamctl ns unbind
complete -c ipamctl -n '__ipamctl_in "ns unbind"' -l dry-run -x -a 'none client server' -d 'none (default), client (check and print, send nothing) or server (the server validates, stores nothing).'
complete -c ipamctl -n '__ipamctl_in "ns unbind"' -s h -l help -d 'Show this help and exit.'

# ipamctl ns list
complete -c ipamctl -n '__ipamctl_in "ns list" "ns ls"' -s A -l all-namespaces -d 'Every namespace\'s binding, whatever -n says (the default without -n).'
complete -c ipamctl -n '__ipamctl_in "ns list" "ns ls"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "ns list" "ns ls"' -s l -l selector -x -d 'Only objects whose labels match, as kubectl: key=value, key!=value, key, !key, key in (a,b), key notin (a,b), comma-separated (sent to the API server).'
complete -c ipamctl -n '__ipamctl_in "ns list" "ns ls"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "ns list" "ns ls"' -s o -l output -x -a 'table json yaml name jsonpath= jsonpath-file= custom-columns= custom-columns-file=' -d 'Output format: table (default), json, yaml, name, jsonpath=TEMPLATE, jsonpath-file=FILE, custom-columns=SPEC or custom-columns-file=FILE.'
complete -c ipamctl -n '__ipamctl_in "ns list" "ns ls"' -l sort-by -x -d 'Sort the rows by a JSONPath over the -o json form of one row (.used, {.name}) or by a column name (USED); numbers sort as numbers, rows without the field first.'

# ipamctl pod
complete -c ipamctl -n '__ipamctl_at "pod"' -a pin-ip -d 'Give a Pod a fixed IP from a pool (ipam.antrea.io/ippools + ipam.antrea.io/pod-ips).'
complete -c ipamctl -n '__ipamctl_at "pod"' -a why -d 'Say why a Pod has no address (or not the one it asked for), and what to do.'
complete -c ipamctl -n '__ipamctl_in "pod"' -s h -l help -d 'Show this help and exit.'

# ipamctl pod pin-ip
complete -c ipamctl -n '__ipamctl_in "pod pin-ip"' -l dry-run -x -a 'none client server' -d 'none (default), client (check and print, send nothing) or server (the server validates, stores nothing).'
complete -c ipamctl -n '__ipamctl_in "pod pin-ip"' -s f -l filename -r -F -d 'Read the object from a YAML or JSON manifest (- for stdin).'
complete -c ipamctl -n '__ipamctl_in "pod pin-ip"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "pod pin-ip"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "pod pin-ip"' -s o -l output -x -a 'yaml json name' -d 'Output format: yaml, json or name.'
complete -c ipamctl -n '__ipamctl_in "pod pin-ip"' -l pool -x -a '(__ipamctl_names ippools)' -d 'The Antrea IPPool (default: the one bound to the Pod or namespace).'
complete -c ipamctl -n '__ipamctl_in "pod pin-ip"' -l recreate -d 'Delete and re-create an existing stand-alone Pod with the address pinned.'
complete -c ipamctl -n '__ipamctl_in "pod pin-ip"' -l timeout -x -d 'How long to wait for a deleted Pod to be gone and for a re-created Pod to run (default: 2m).'

# ipamctl pod why
complete -c ipamctl -n '__ipamctl_in "pod why"' -l antrea-namespace -x -d 'The namespace Antrea runs in (default kube-system).'
complete -c ipamctl -n '__ipamctl_in "pod why"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "pod why"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "pod why"' -s o -l output -x -a 'table json yaml' -d 'Output format: table (default), json or yaml.'

# ipamctl ovs
complete -c ipamctl -n '__ipamctl_at "ovs"' -a show -d 'Show the OVS ports of Antrea agents: which port is which Pod, with which IP, up or down.'
complete -c ipamctl -n '__ipamctl_at "ovs"' -a flows -d 'Show the OpenFlow flows of br-int as a table, filtered by table, Pod or IP.'
complete -c ipamctl -n '__ipamctl_in "ovs"' -s h -l help -d 'Show this help and exit.'

# ipamctl ovs show
complete -c ipamctl -n '__ipamctl_in "ovs show"' -l antrea-namespace -x -d 'The namespace Antrea runs in (default kube-system).'
complete -c ipamctl -n '__ipamctl_in "ovs show"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "ovs show"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "ovs show"' -l node -x -a '(__ipamctl_names nodes)' -d 'A node to ask (repeatable; default: every node with an Antrea agent).'
complete -c ipamctl -n '__ipamctl_in "ovs show"' -s o -l output -x -a 'table wide json yaml name raw' -d 'Output format: table (default), wide, json, yaml, name or raw.'
complete -c ipamctl -n '__ipamctl_in "ovs show"' -l pod -x -d 'Only the node hosting this Pod, and only its port.'

# ipamctl ovs flows
complete -c ipamctl -n '__ipamctl_in "ovs flows"' -l antrea-namespace -x -d 'The namespace Antrea runs in (default kube-system).'
complete -c ipamctl -n '__ipamctl_in "ovs flows"' -l diff -x -d 'Compare two nodes\' flows, or a dump saved with -o json with now (or with a node or another dump); exit 3 when they differ.'
complete -c ipamctl -n '__ipamctl_in "ovs flows"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "ovs flows"' -l ip -x -d 'Only flows that mention this address.'
complete -c ipamctl -n '__ipamctl_in "ovs flows"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "ovs flows"' -l node -x -a '(__ipamctl_names nodes)' -d 'A node to ask (repeatable; default: every node with an Antrea agent).'
complete -c ipamctl -n '__ipamctl_in "ovs flows"' -s o -l output -x -a 'table json yaml name' -d 'Output format: table (default), json, yaml or name.'
complete -c ipamctl -n '__ipamctl_in "ovs flows"' -l pod -x -d 'Only the node hosting this Pod, and only its port.'
complete -c ipamctl -n '__ipamctl_in "ovs flows"' -l summary -d 'Count flows, packets and bytes per table instead of listing flows.'
complete -c ipamctl -n '__ipamctl_in "ovs flows"' -l table -x -d 'Only flows of this table: its name as the node names it (any case) or its ID 0-254.'

# ipamctl trace
complete -c ipamctl -n '__ipamctl_at "trace"' -a list -d 'List the Traceflows ipamctl created that still exist (kept with --keep, or left behind).'
complete -c ipamctl -n '__ipamctl_at "trace"' -a ls -d 'List the Traceflows ipamctl created that still exist (kept with --keep, or left behind).'
complete -c ipamctl -n '__ipamctl_at "trace"' -a delete -d 'Delete Traceflows ipamctl created (kept with --keep, or left behind).'
complete -c ipamctl -n '__ipamctl_in "trace"' -l antrea-namespace -x -d 'The namespace Antrea runs in (default kube-system).'
complete -c ipamctl -n '__ipamctl_in "trace"' -l dropped-only -d 'With --live: capture only a packet that gets dropped.'
complete -c ipamctl -n '__ipamctl_in "trace"' -l dst-port -x -d 'TCP, UDP or SCTP (--local) destination port (1-65535).'
complete -c ipamctl -n '__ipamctl_in "trace"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "trace"' -l keep -d 'Keep the Traceflow afterwards (its name is printed on stderr; see trace list, trace delete).'
complete -c ipamctl -n '__ipamctl_in "trace"' -l live -d 'Trace the first matching packet of live traffic instead of an injected one.'
complete -c ipamctl -n '__ipamctl_in "trace"' -l local -d 'Trace on the source node\'s OVS with ofproto/trace instead of a Traceflow.'
complete -c ipamctl -n '__ipamctl_in "trace"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "trace"' -s o -l output -x -a 'table wide json yaml' -d 'Output format: table (default), wide, json or yaml.'
complete -c ipamctl -n '__ipamctl_in "trace"' -l protocol -x -a 'tcp udp sctp icmp' -d 'tcp, udp, sctp, icmp or an IP protocol number 0-255 (default: icmp; tcp with ports or --tcp-flags).'
complete -c ipamctl -n '__ipamctl_in "trace"' -l src-port -x -d 'TCP, UDP or SCTP (--local) source port (1-65535).'
complete -c ipamctl -n '__ipamctl_in "trace"' -l tcp-flags -x -d 'TCP flags: a number 0-255 or names such as SYN or SYN,ACK (default: left to Antrea).'
complete -c ipamctl -n '__ipamctl_in "trace"' -l timeout -x -d 'How long to wait for the result, at most 12h; Antrea itself stops after 300s at most (default: 20s, as Antrea).'

# ipamctl trace list
complete -c ipamctl -n '__ipamctl_in "trace list" "trace ls"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "trace list" "trace ls"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "trace list" "trace ls"' -s o -l output -x -a 'table wide json yaml name jsonpath= jsonpath-file= custom-columns= custom-columns-file=' -d 'Output format: table (default), wide, json, yaml, name, jsonpath=TEMPLATE, jsonpath-file=FILE, custom-columns=SPEC or custom-columns-file=FILE.'
complete -c ipamctl -n '__ipamctl_in "trace list" "trace ls"' -l sort-by -x -d 'Sort the rows by a JSONPath over the -o json form of one row (.used, {.name}) or by a column name (USED); numbers sort as numbers, rows without the field first.'

# ipamctl trace delete
complete -c ipamctl -n '__ipamctl_in "trace delete"' -l all -d 'Delete every Traceflow ipamctl created.'
complete -c ipamctl -n '__ipamctl_in "trace delete"' -l dry-run -x -a 'none client server' -d 'none (default), client (check and print, send nothing) or server (the server validates, stores nothing).'
complete -c ipamctl -n '__ipamctl_in "trace delete"' -s h -l help -d 'Show this help and exit.'

# ipamctl doctor
complete -c ipamctl -n '__ipamctl_in "doctor"' -l antrea-namespace -x -d 'The namespace Antrea runs in (default kube-system).'
complete -c ipamctl -n '__ipamctl_in "doctor"' -l check -x -a 'feature-gate secondary-networks crds agents agent-ovs controller webhook whereabouts bindings pool-usage pool-check rbac' -d 'Run only this check (repeatable): feature-gate, secondary-networks, crds, agents, agent-ovs, controller, webhook, whereabouts, bindings, pool-usage, pool-check, rbac.'
complete -c ipamctl -n '__ipamctl_in "doctor"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "doctor"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "doctor"' -s o -l output -x -a 'table wide json yaml' -d 'Output format: table (default), wide, json or yaml.'
complete -c ipamctl -n '__ipamctl_in "doctor"' -l strict -d 'Exit with code 3 on warnings too.'
complete -c ipamctl -n '__ipamctl_in "doctor"' -l threshold -x -d 'Warn about pools this many percent full or more (0-100, default 90); full pools fail.'

# ipamctl metrics
complete -c ipamctl -n '__ipamctl_at "metrics"' -a serve -d 'Serve the pools\' Prometheus metrics over HTTP (/metrics, /healthz), kept current by watches.'
complete -c ipamctl -n '__ipamctl_in "metrics"' -s h -l help -d 'Show this help and exit.'

# ipamctl metrics serve
complete -c ipamctl -n '__ipamctl_in "metrics serve"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "metrics serve"' -l listen -x -d 'Address to listen on (default: 127.0.0.1:9447; port 0 picks a free one). An address other than loopback exposes the metrics to other hosts and is warned about.'
complete -c ipamctl -n '__ipamctl_in "metrics serve"' -l source -x -a 'antrea whereabouts node externalippool servicecidr all' -d 'antrea, whereabouts, node, externalippool, servicecidr or all; several comma-separated or repeated (default: every source the cluster has; sources not installed are skipped, sources you may not read are named in a warning).'

# ipamctl sandbox
complete -c ipamctl -n '__ipamctl_at "sandbox"' -a status -d 'Show whether the sandbox cluster runs: pid, API server, Open vSwitch nodes, state and log files.'
complete -c ipamctl -n '__ipamctl_at "sandbox"' -a stop -d 'Stop the sandbox cluster and its Open vSwitch nodes; its state is kept.'
complete -c ipamctl -n '__ipamctl_in "sandbox"' -s h -l help -d 'Show this help and exit.'

# ipamctl sandbox status
complete -c ipamctl -n '__ipamctl_in "sandbox status"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "sandbox status"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "sandbox status"' -s o -l output -x -a 'table json yaml' -d 'Output format: table (default), json or yaml.'

# ipamctl sandbox stop
complete -c ipamctl -n '__ipamctl_in "sandbox stop"' -s h -l help -d 'Show this help and exit.'

# ipamctl shell
complete -c ipamctl -n '__ipamctl_in "shell"' -s h -l help -d 'Show this help and exit.'

# ipamctl server
complete -c ipamctl -n '__ipamctl_at "server"' -a status -d 'Show whether the warm server runs: pid, uptime, requests, memory, idle exit.'
complete -c ipamctl -n '__ipamctl_at "server"' -a stop -d 'Stop the warm server (commands that are running finish first).'
complete -c ipamctl -n '__ipamctl_in "server"' -s h -l help -d 'Show this help and exit.'

# ipamctl server status
complete -c ipamctl -n '__ipamctl_in "server status"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "server status"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "server status"' -s o -l output -x -a 'table wide json yaml name' -d 'Output format: table (default), wide, json, yaml or name.'

# ipamctl server stop
complete -c ipamctl -n '__ipamctl_in "server stop"' -s h -l help -d 'Show this help and exit.'

# ipamctl version
complete -c ipamctl -n '__ipamctl_in "version"' -l antrea-namespace -x -d 'The namespace Antrea runs in (default kube-system).'
complete -c ipamctl -n '__ipamctl_in "version"' -l client -d 'Only the client\'s version; no request is sent.'
complete -c ipamctl -n '__ipamctl_in "version"' -s h -l help -d 'Show this help and exit.'
complete -c ipamctl -n '__ipamctl_in "version"' -l no-headers -d 'Print tables without the header row.'
complete -c ipamctl -n '__ipamctl_in "version"' -s o -l output -x -a 'json yaml' -d 'Output format: json or yaml.'

# ipamctl completion
complete -c ipamctl -n '__ipamctl_at "completion"' -a 'bash zsh fish' -d 'bash, zsh or fish.'
complete -c ipamctl -n '__ipamctl_in "completion"' -s h -l help -d 'Show this help and exit.'

# ipamctl options
complete -c ipamctl -n '__ipamctl_in "options"' -s h -l help -d 'Show this help and exit.'

# ipamctl help
complete -c ipamctl -n '__ipamctl_in "help"' -s h -l help -d 'Show this help and exit.'
