# Alias substitution (2.3.1): a value is read as input where the word was,
# so it may hold reserved words and operators, and one ending in a blank
# lets the word after it be an alias too.
alias open_brace='{' close_brace='}'
open_brace echo "grouped by aliases"; close_brace
alias negate='! true'
if negate; then echo "not reached"; else echo "negated by an alias"; fi
alias start_if='if true' then_say='then echo'
start_if; then_say "then from an alias"; fi
alias lparen='(' rparen=')'
n=outer
lparen n=inner; echo "in a subshell: $n"; rparen
echo "after it: $n"
alias loop='for w in one two; do'
loop echo "loop $w"; done
alias end_item=';;'
case b in
a) end_item
b) echo "item b after an aliased ;;" ;;
esac
alias run='echo ' word=replaced
run word word
alias word='other ' other=again
run word other
alias nothing=' '
false
nothing
echo "status after a blank alias: $?"
echo "piped on" | nothing
cat
alias ping=pong pong=ping
ping 2>/dev/null || echo "two aliases naming each other stop"
alias say='echo [ ' bracket='say'
bracket say ]
alias if=: do=:
if true; then echo "reserved words are not aliases"; fi
