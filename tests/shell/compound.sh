# 2.9.4 Compound Commands: if, while, until, for, case, and their statuses.
if true; then echo if-true; fi
if false; then echo no; else echo else; fi
if false; then echo no; elif true; then echo elif; else echo no; fi
if false; then echo no; elif false; then echo no; fi; echo "if-none=$?"
if (exit 3); then :; else echo "cond-status=$?"; fi
if
  true
then
  echo multi-line
fi
x=$(if true; then echo captured; fi); echo "$x"
if true; then if false; then echo no; else echo nested; fi; fi
i=0; while [ $i -lt 3 ]; do echo "while $i"; i=$((i + 1)); done
i=0; until [ $i -ge 2 ]; do echo "until $i"; i=$((i + 1)); done
while false; do :; done; echo "while-none=$?"
i=0; while i=$((i + 1)); [ $i -le 2 ]; do echo "list-cond $i"; done
for w in a b c; do printf '%s,' "$w"; done; echo
for w in; do echo never; done; echo "for-empty=$?"
set -- "p 1" p2
for w; do echo "for-params [$w]"; done
for w
do echo "for-nl [$w]"; done
for w in "$@"; do echo "for-at [$w]"; done
for w in $(echo x y); do echo "for-subst $w"; done
for w in 1 2; do :; done; echo "for-var=$w"
for in in in; do echo "in=$in"; done
for do in do; do echo "do=$do"; done
case abc in a*) echo a-star;; esac
case abc in x|*b*) echo alt;; esac
case abc in (abc) echo paren;; esac
case abc in xyz) echo no;; esac; echo "case-none=$?"
case abc in abc) ;; esac; echo "case-empty=$?"
case abc in abc) (exit 4);; esac; echo "case-status=$?"
case "a b" in "a b") echo quoted-subject;; esac
case '*' in "*") echo quoted-star;; esac
case x in '*') echo no;; *) echo star-literal;; esac
case '[a]' in \[a\]) echo escaped-bracket;; esac
p='a*'; case abc in $p) echo pattern-var;; esac
case abc in "$p") echo no;; *) echo quoted-var;; esac
case b in [abc]) echo bracket;; esac
case d in [!abc]) echo not-bracket;; esac
case 5 in [[:digit:]]) echo class;; esac
case . in ?) echo question;; esac
case x in
  a) echo no
     ;;
  x)
     echo multi-line-case
     ;;
esac
case x in x) echo last-no-dsemi
esac
case esac in (esac) echo esac-pattern;; esac
{ echo group; echo two; } | sed 's/^/> /'
( echo sub; exit 2 ); echo "sub-status=$?"
while read line; do echo "read [$line]"; done <<END
one
two
END
for f in 1 2; do echo "redir $f"; done > out.txt; cat out.txt
if true; then echo to-file; fi > out2.txt; cat out2.txt
case x in x) echo case-redir;; esac 2>&1 | cat
! true; echo "not-true=$?"
! false; echo "not-false=$?"
! { false; }; echo "not-group=$?"
