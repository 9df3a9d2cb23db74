# Inline mode: @bot <query> in any chat.
# Shown as a button above empty results; plain text, keep it short.
inline-nothing-found = Nothing found. Open Vestnik
