# Vestnik: a Telegram news bot. The image holds production dependencies and the sources compiled
# to lib/ (scripts/build.js, a second of start-up saved per command), and runs as an unprivileged user.

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts here: the project's own `prepare` (the build) runs below, once the sources are in.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=8080 \
    HTTP_ENABLED=true
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY locales ./locales
COPY drizzle ./drizzle
COPY samples ./samples
COPY scripts ./scripts
RUN node scripts/build.js
# The embedded database (PGlite) lives in /data when DATABASE_URL is not set.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# /healthz on PORT: webhook mode serves it, and HTTP_ENABLED=true (set above) does in polling mode.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/vestnik.js"]
CMD ["run"]
