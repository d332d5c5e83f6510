using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mamori.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DiagnosisAnswersJson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DiagnosisAnswers");

            migrationBuilder.AddColumn<string>(
                name: "Answers",
                table: "Diagnoses",
                type: "jsonb",
                nullable: true);

            // Answers move into the diagnosis row as JSON (ADR 8). The table existed for a few hours of development
            // only; diagnoses that had rows start with no answers rather than being converted.
            migrationBuilder.Sql("UPDATE \"Diagnoses\" SET \"Answers\" = '[]' WHERE \"Answers\" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Answers",
                table: "Diagnoses");

            migrationBuilder.CreateTable(
                name: "DiagnosisAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChangedByExpert = table.Column<bool>(type: "boolean", nullable: false),
                    DiagnosisId = table.Column<int>(type: "integer", nullable: false),
                    ExpertNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ItemKey = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Value = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosisAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiagnosisAnswers_Diagnoses_DiagnosisId",
                        column: x => x.DiagnosisId,
                        principalTable: "Diagnoses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosisAnswers_DiagnosisId_ItemKey",
                table: "DiagnosisAnswers",
                columns: new[] { "DiagnosisId", "ItemKey" },
                unique: true);
        }
    }
}
