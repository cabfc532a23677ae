<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS 2.0 or Atom feed of the archive as a readable Russian page in a browser. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="atom dc">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="home" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>

  <xsl:template match="/">
    <html lang="ru">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> — лента</title>
        <link rel="stylesheet" href="/static/feeds/feed.css"/>
      </head>
      <body>
        <div class="about">
          <p><strong>Это лента новостей (RSS/Atom).</strong> Чтобы получать новые материалы, скопируйте её адрес в программу для чтения лент (Feedly, Inoreader, NetNewsWire, Thunderbird…):</p>
          <code><xsl:value-of select="$self"/></code>
          <p>Как подписаться и другие ленты: <a href="/subscribe/">страница «Подписка»</a>.</p>
        </div>
        <h1><xsl:value-of select="$title"/></h1>
        <p><a href="{$home}">Открыть на сайте</a></p>
        <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <article>
      <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
      <p class="meta"><xsl:value-of select="dc:creator"/><xsl:if test="dc:creator"> · </xsl:if><xsl:value-of select="pubDate"/></p>
    </article>
  </xsl:template>

  <xsl:template match="atom:entry">
    <article>
      <h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
      <p class="meta">
        <xsl:for-each select="atom:author"><xsl:value-of select="atom:name"/><xsl:if test="position() != last()">, </xsl:if></xsl:for-each>
        <xsl:if test="atom:author"> · </xsl:if>
        <xsl:value-of select="substring(atom:published, 1, 10)"/>
      </p>
      <p><xsl:value-of select="atom:summary"/></p>
    </article>
  </xsl:template>
</xsl:stylesheet>
